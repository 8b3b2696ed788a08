package io.netrig.model.spec;

import java.util.Objects;

/** An underlay L2 segment ("the physical LAN"): a switch every interface on it is plugged into. */
public record SegmentSpec(String name) {
    public SegmentSpec {
        Objects.requireNonNull(name, "name");
    }
}
