package io.netrig.model.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A container on a Docker host, attached to networks in order (the first becomes eth0 and carries the default
 * route). With no endpoints it is on the host's default bridge, as {@code docker run} without {@code --network}.
 */
public record ContainerSpec(String name, String host, List<EndpointSpec> endpoints, NetworkMode mode, List<PortSpec> ports,
                            Optional<List<ListenSpec>> listen, List<ContainerLink> links, List<ListenSpec> expose,
                            int interfacesMade) {
    public ContainerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(mode, "mode");
        ports = List.copyOf(ports);
        listen = listen.map(List::copyOf);
        links = List.copyOf(links);
        expose = List.copyOf(expose);
        if (interfacesMade < 0) {
            throw new IllegalArgumentException("interfacesMade must not be negative: " + interfacesMade);
        }
    }

    /**
     * A container as a spec writes it ({@code interfacesMade} 0). In a running lab that changed ({@link LabEdits}),
     * {@code interfacesMade} counts the interfaces its namespace ever got: like libnetwork's per-sandbox counter, the
     * next one is {@code eth<interfacesMade>}, never reusing a name a disconnected endpoint had.
     */
    public ContainerSpec(String name, String host, List<EndpointSpec> endpoints, NetworkMode mode, List<PortSpec> ports,
                         Optional<List<ListenSpec>> listen, List<ContainerLink> links, List<ListenSpec> expose) {
        this(name, host, endpoints, mode, ports, listen, links, expose, 0);
    }

    /** A container without legacy links or exposed-only ports. */
    public ContainerSpec(String name, String host, List<EndpointSpec> endpoints, NetworkMode mode, List<PortSpec> ports,
                         Optional<List<ListenSpec>> listen) {
        this(name, host, endpoints, mode, ports, listen, List.of(), List.of(), 0);
    }

    /** A container attached to networks, publishing nothing, listening on nothing. */
    public ContainerSpec(String name, String host, List<EndpointSpec> endpoints) {
        this(name, host, endpoints, NetworkMode.ATTACHED, List.of(), Optional.empty());
    }

    public ContainerSpec withHostAndEndpoints(String hostName, List<EndpointSpec> newEndpoints) {
        return new ContainerSpec(name, hostName, newEndpoints, mode, ports, listen, links, expose, interfacesMade);
    }

    /** The same container with other endpoints, after {@code made} interfaces were ever created in its namespace. */
    public ContainerSpec withEndpoints(List<EndpointSpec> newEndpoints, int made) {
        return new ContainerSpec(name, host, newEndpoints, mode, ports, listen, links, expose, made);
    }

    /**
     * Its exposed ports, as {@code docker inspect} lists them: those under {@code expose} ({@code --expose}) and the
     * container ports it publishes, each once, in order of port then protocol (tcp first).
     */
    public List<ListenSpec> exposed() {
        java.util.Comparator<ListenSpec> order = java.util.Comparator.comparingInt(ListenSpec::port)
                .thenComparing(l -> l.protocol().iptablesName());
        return java.util.stream.Stream.concat(expose.stream(), ports.stream().map(p -> new ListenSpec(p.containerPort(), p.protocol())))
                .distinct().sorted(order).toList();
    }

    /**
     * The ports its application listens on: those written under {@code listen}, or when that is absent the container
     * ports it publishes.
     */
    public List<ListenSpec> listening() {
        return listen.orElseGet(() -> ports.stream().map(p -> new ListenSpec(p.containerPort(), p.protocol())).distinct().toList());
    }
}
