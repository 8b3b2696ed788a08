package io.netrig.model.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A machine of the lab. A Docker host ({@code docker: true}, the default) runs dockerd with {@code daemon}
 * options; a plain machine (router, LAN peer, "the internet") has only interfaces, routes and forwarding.
 * Interfaces keep the order they were written in.
 */
public record HostSpec(String name, boolean docker, Map<String, InterfaceSpec> interfaces, boolean forwarding,
                       List<RouteSpec> routes, DaemonOptions daemon, List<ListenSpec> listen, Optional<SwarmSpec> swarm) {
    public HostSpec {
        Objects.requireNonNull(name, "name");
        interfaces = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(interfaces));
        routes = List.copyOf(routes);
        Objects.requireNonNull(daemon, "daemon");
        listen = List.copyOf(listen);
        Objects.requireNonNull(swarm, "swarm");
    }

    /** A machine that is in no swarm. */
    public HostSpec(String name, boolean docker, Map<String, InterfaceSpec> interfaces, boolean forwarding,
                    List<RouteSpec> routes, DaemonOptions daemon, List<ListenSpec> listen) {
        this(name, docker, interfaces, forwarding, routes, daemon, listen, Optional.empty());
    }

    /**
     * The address this swarm node's VXLAN traffic leaves from and is sent to: {@code data_path_addr}, else
     * {@code advertise_addr}, else the address of its first interface that has one.
     */
    public Optional<io.netrig.model.net.Ipv4Address> dataPathAddress() {
        return swarm.flatMap(s -> s.dataPathAddr().or(s::advertiseAddr))
                .or(() -> interfaces.values().stream().flatMap(i -> i.address().stream()).map(a -> a.address()).findFirst());
    }

    /** A machine with no listening application. */
    public HostSpec(String name, boolean docker, Map<String, InterfaceSpec> interfaces, boolean forwarding,
                    List<RouteSpec> routes, DaemonOptions daemon) {
        this(name, docker, interfaces, forwarding, routes, daemon, List.of(), Optional.empty());
    }
}
