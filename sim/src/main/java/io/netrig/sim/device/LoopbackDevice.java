package io.netrig.sim.device;

import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.LinkRef;
import io.netrig.sim.core.Simulator;

/** {@code lo}: what is sent comes back in. Captures see each frame once, as tcpdump on lo does. */
public final class LoopbackDevice extends NetDevice {
    public LoopbackDevice(Simulator sim, LinkRef ref) {
        super(sim, ref, MacAddress.ZERO);
        setMtu(65536);
    }

    @Override
    protected void sendOnMedium(Frame frame) {
        // scheduled rather than called, so the stack is never re-entered while it is still sending
        sim.schedule(0, "loopback " + ref(), () -> deliverUp(frame));
    }
}
