package io.netrig.sim.device;

import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.LinkRef;
import io.netrig.sim.core.Simulator;
import java.util.Optional;

/** One end of a veth pair: what leaves it arrives at the peer after a small fixed delay. */
public final class VethEnd extends NetDevice {
    /** Long enough to order events visibly in captures, short enough to be negligible against ping timeouts. */
    public static final long DELAY_NANOS = 10_000;

    private Optional<VethEnd> peer = Optional.empty();

    public VethEnd(Simulator sim, LinkRef ref, MacAddress mac) {
        super(sim, ref, mac);
    }

    public static void pair(VethEnd a, VethEnd b) {
        a.peer = Optional.of(b);
        b.peer = Optional.of(a);
    }

    @Override
    protected void sendOnMedium(Frame frame) {
        if (peer.isEmpty()) {
            return;  // the pair is being deleted
        }
        VethEnd other = peer.get();
        sim.schedule(DELAY_NANOS, "veth " + ref() + " -> " + other.ref(), () -> other.arrive(frame));
    }

    /** Deleting one end deletes the pair. */
    @Override
    void detachFromLower() {
        peer.ifPresent(p -> p.peer = Optional.empty());
        peer = Optional.empty();
    }
}
