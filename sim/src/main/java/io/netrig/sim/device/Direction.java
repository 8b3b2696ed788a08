package io.netrig.sim.device;

/** Whether an interface sent or received a frame. */
public enum Direction { IN, OUT }
