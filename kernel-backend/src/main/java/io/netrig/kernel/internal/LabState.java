package io.netrig.kernel.internal;

import java.util.List;
import java.util.Objects;

/** What {@code /run/netrig/<labid>.json} says about a lab: which process owns it and which namespaces it makes. */
public record LabState(String labId, long pid, List<String> namespaces) {
    public LabState {
        Objects.requireNonNull(labId, "labId");
        namespaces = List.copyOf(namespaces);
    }
}
