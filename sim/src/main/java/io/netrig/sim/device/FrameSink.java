package io.netrig.sim.device;

/** The layer above a device: a namespace's IP stack. */
@FunctionalInterface
public interface FrameSink {
    void receive(NetDevice device, Frame frame);
}
