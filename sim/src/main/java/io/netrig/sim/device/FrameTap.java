package io.netrig.sim.device;

/** Sees every frame an interface sends or receives; how captures attach from outside. */
@FunctionalInterface
public interface FrameTap {
    void onFrame(NetDevice device, Direction direction, long timeNanos, byte[] frame);
}
