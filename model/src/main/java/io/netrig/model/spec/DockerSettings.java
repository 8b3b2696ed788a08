package io.netrig.model.spec;

import java.util.Set;

/** Which Docker Engine generation's lowering to follow (its rule layout, MAC scheme, defaults). */
public record DockerSettings(String generation) {
    public static final Set<String> SUPPORTED = Set.of("20.10");
    public static final DockerSettings DEFAULT = new DockerSettings("20.10");

    public DockerSettings {
        if (!SUPPORTED.contains(generation)) {
            throw new IllegalArgumentException("docker generation '" + generation + "' is not supported (supported: 20.10)");
        }
    }
}
