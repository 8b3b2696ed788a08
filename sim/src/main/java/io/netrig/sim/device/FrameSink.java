package io.netrig.sim.device;

/** The layer above a device: a namespace's IP stack. */
@FunctionalInterface
public interface FrameSink {
    void receive(NetDevice device, Frame frame);

    /**
     * A frame an ipvlan l3 child sent, handed to the namespace of its lower device {@code via} to be routed out of
     * that device (ipvlan_process_v4_outbound). A sink that does not route drops it.
     */
    default void routeOut(NetDevice via, Frame frame) {
    }
}
