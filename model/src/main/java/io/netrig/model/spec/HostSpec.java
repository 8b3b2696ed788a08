package io.netrig.model.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A machine of the lab. A Docker host ({@code docker: true}, the default) runs dockerd with {@code daemon}
 * options; a plain machine (router, LAN peer, "the internet") has only interfaces, routes and forwarding.
 * Interfaces keep the order they were written in.
 */
public record HostSpec(String name, boolean docker, Map<String, InterfaceSpec> interfaces, boolean forwarding,
                       List<RouteSpec> routes, DaemonOptions daemon, List<ListenSpec> listen) {
    public HostSpec {
        Objects.requireNonNull(name, "name");
        interfaces = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(interfaces));
        routes = List.copyOf(routes);
        Objects.requireNonNull(daemon, "daemon");
        listen = List.copyOf(listen);
    }

    /** A machine with no listening application. */
    public HostSpec(String name, boolean docker, Map<String, InterfaceSpec> interfaces, boolean forwarding,
                    List<RouteSpec> routes, DaemonOptions daemon) {
        this(name, docker, interfaces, forwarding, routes, daemon, List.of());
    }
}
