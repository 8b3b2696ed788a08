package io.netrig.model.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A container on a Docker host, attached to networks in order (the first becomes eth0 and carries the default
 * route). With no endpoints it is on the host's default bridge, as {@code docker run} without {@code --network}.
 */
public record ContainerSpec(String name, String host, List<EndpointSpec> endpoints, NetworkMode mode, List<PortSpec> ports,
                            Optional<List<ListenSpec>> listen) {
    public ContainerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(mode, "mode");
        ports = List.copyOf(ports);
        listen = listen.map(List::copyOf);
    }

    /** A container attached to networks, publishing nothing, listening on nothing. */
    public ContainerSpec(String name, String host, List<EndpointSpec> endpoints) {
        this(name, host, endpoints, NetworkMode.ATTACHED, List.of(), Optional.empty());
    }

    public ContainerSpec withHostAndEndpoints(String hostName, List<EndpointSpec> newEndpoints) {
        return new ContainerSpec(name, hostName, newEndpoints, mode, ports, listen);
    }

    /**
     * The ports its application listens on: those written under {@code listen}, or when that is absent the container
     * ports it publishes.
     */
    public List<ListenSpec> listening() {
        return listen.orElseGet(() -> ports.stream().map(p -> new ListenSpec(p.containerPort(), p.protocol())).distinct().toList());
    }
}
