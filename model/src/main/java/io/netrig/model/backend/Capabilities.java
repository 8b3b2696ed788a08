package io.netrig.model.backend;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** What a backend can do here, and for each missing feature why not (e.g. "kernel module ipvlan not available"). */
public record Capabilities(Set<Feature> supported, Map<Feature, String> missing) {
    public Capabilities {
        supported = supported.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(supported));
        missing = Map.copyOf(missing);
    }

    public static Capabilities all() {
        return new Capabilities(EnumSet.allOf(Feature.class), Map.of());
    }

    public boolean has(Feature feature) {
        return supported.contains(feature);
    }
}
