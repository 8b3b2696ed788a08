package io.netrig.sim.device;

import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.LinkRef;
import io.netrig.sim.core.Simulator;

/**
 * A dummy interface ({@code ip link add d0 type dummy}): up and addressable, with nothing behind it. What its own
 * stack sends out of it is dropped (dummy_xmit), and as Linux sets IFF_NOARP on it, nothing is ARPed for first. As
 * the parent of macvlan or ipvlan interfaces it makes an island: the children still reach each other inside the
 * parent, and nothing else.
 */
public final class DummyDevice extends NetDevice {
    public DummyDevice(Simulator sim, LinkRef ref, MacAddress mac) {
        super(sim, ref, mac);
    }

    @Override
    public boolean noArp() {
        return true;
    }

    @Override
    protected void sendOnMedium(Frame frame) {
        if (frame.trace().recording()) {
            frame.trace().step(ref() + " is a dummy: the frame is dropped");
        }
    }
}
