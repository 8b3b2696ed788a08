package io.netrig.model.spec;

import java.util.List;
import java.util.Objects;

/**
 * A container on a Docker host, attached to networks in order (the first becomes eth0 and carries the default
 * route). With no endpoints it is on the host's default bridge, as {@code docker run} without {@code --network}.
 */
public record ContainerSpec(String name, String host, List<EndpointSpec> endpoints) {
    public ContainerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        endpoints = List.copyOf(endpoints);
    }
}
