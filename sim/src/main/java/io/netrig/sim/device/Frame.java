package io.netrig.sim.device;

import io.netrig.sim.core.Trace;
import java.util.Objects;

/**
 * Frame bytes on their way through the lab, with the trace of the probe they belong to. The bytes are real
 * Ethernet so that taps can write them to pcap unchanged; nobody mutates them after construction.
 */
public record Frame(byte[] bytes, Trace trace) {
    public Frame {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(trace, "trace");
    }
}
