package io.netrig.model.spec;

import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A lab as the user describes it, Docker-level: segments, hosts, networks, containers, expectations, and where
 * in the source each part was written. Maps keep the order of the source (it decides IPAM order and rule
 * order, as creation order does on a real Docker host).
 */
public record LabSpec(String name, DockerSettings docker, Map<String, SegmentSpec> segments, Map<String, HostSpec> hosts,
                      Map<String, NetworkSpec> networks, Map<String, ContainerSpec> containers, List<ExpectSpec> expect,
                      SourceMap sources, Map<String, List<HostCommand>> commands, Map<String, ServiceSpec> services) {
    /** The Docker host that labs without a {@code hosts:} section get. */
    public static final String IMPLICIT_HOST = "host";

    public LabSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(docker, "docker");
        segments = ordered(segments);
        hosts = ordered(hosts);
        networks = ordered(networks);
        containers = ordered(containers);
        expect = List.copyOf(expect);
        Objects.requireNonNull(sources, "sources");
        Map<String, List<HostCommand>> copy = new LinkedHashMap<>();
        commands.forEach((host, list) -> copy.put(host, List.copyOf(list)));
        commands = Collections.unmodifiableMap(copy);
        services = ordered(services);
    }

    /** A lab without swarm services. */
    public LabSpec(String name, DockerSettings docker, Map<String, SegmentSpec> segments, Map<String, HostSpec> hosts,
                   Map<String, NetworkSpec> networks, Map<String, ContainerSpec> containers, List<ExpectSpec> expect,
                   SourceMap sources, Map<String, List<HostCommand>> commands) {
        this(name, docker, segments, hosts, networks, containers, expect, sources, commands, Map.of());
    }

    /** A lab without literal host commands. */
    public LabSpec(String name, DockerSettings docker, Map<String, SegmentSpec> segments, Map<String, HostSpec> hosts,
                   Map<String, NetworkSpec> networks, Map<String, ContainerSpec> containers, List<ExpectSpec> expect,
                   SourceMap sources) {
        this(name, docker, segments, hosts, networks, containers, expect, sources, Map.of());
    }

    /** The same lab with other containers (a running lab after docker network connect or disconnect). */
    public LabSpec withContainers(Map<String, ContainerSpec> newContainers) {
        return new LabSpec(name, docker, segments, hosts, networks, newContainers, expect, sources, commands, services);
    }

    /** The same lab with other networks and containers (swarm services' implicit ingress network and tasks). */
    public LabSpec withNetworksAndContainers(Map<String, NetworkSpec> newNetworks, Map<String, ContainerSpec> newContainers) {
        return new LabSpec(name, docker, segments, hosts, newNetworks, newContainers, expect, sources, commands, services);
    }

    /**
     * The endpoint that gives a container its default route and its published ports, chosen as libnetwork 20.10's
     * sandbox does: endpoints on internal networks last, then by network name; empty when the container has none.
     */
    public Optional<EndpointSpec> gatewayEndpoint(ContainerSpec c) {
        Comparator<EndpointSpec> order = Comparator
                .comparing((EndpointSpec ep) -> networks.containsKey(ep.network()) && networks.get(ep.network()).internal())
                .thenComparing(EndpointSpec::network);
        // an overlay endpoint has no gateway: a container with only those gets one from docker_gwbridge
        return c.endpoints().stream().filter(ep -> networkOf(ep).map(n -> !n.swarmScoped()).orElse(true)).min(order);
    }

    /**
     * Whether the container gets an endpoint on its host's {@code docker_gwbridge} (libnetwork's needDefaultGW): it is
     * on a non-internal overlay network and no other endpoint gives it a gateway.
     */
    public boolean needsGatewayBridge(ContainerSpec c) {
        return c.mode() instanceof NetworkMode.Attached && gatewayEndpoint(c).isEmpty()
                && c.endpoints().stream().map(this::networkOf).flatMap(Optional::stream).anyMatch(n -> n.swarmScoped() && !n.internal());
    }

    /**
     * The {@code docker_gwbridge} a swarm node's admin created before {@code docker swarm init/join} (Docker's procedure
     * for a custom gateway bridge: {@code docker network create --subnet … -o com.docker.network.bridge.name=docker_gwbridge
     * … docker_gwbridge}): the spec's bridge network of that name on the host. Docker then uses it, with its subnet and
     * options, instead of creating one.
     */
    public Optional<NetworkSpec> customGatewayBridge(String host) {
        NetworkSpec n = networks.get(io.netrig.model.ipam.DockerIpam.GATEWAY_BRIDGE);
        HostSpec h = hosts.get(host);
        return Optional.ofNullable(n).filter(x -> x.host().orElse("").equals(host) && h != null && h.swarm().isPresent());
    }

    /** Where the container's ports are published, if anywhere: see {@link Publication}. */
    public Optional<Publication> publication(ContainerSpec c) {
        return Publication.of(this, c);
    }

    /**
     * The namespace a container's processes run in: its own, its host's (host mode), or for {@code container:OTHER}
     * the one OTHER runs in; a chain that breaks off (a missing container, a cycle) ends at the last container reached.
     */
    public String namespaceOf(ContainerSpec c) {
        ContainerSpec current = c;
        Set<String> seen = new HashSet<>();
        while (current.mode() instanceof NetworkMode.Container(String other) && containers.containsKey(other)
                && seen.add(current.name())) {
            current = containers.get(other);
        }
        return current.mode() instanceof NetworkMode.Host ? current.host() : current.name();
    }

    /** The network an endpoint is on, or empty for the default bridge {@code bridge}. */
    public Optional<NetworkSpec> networkOf(EndpointSpec ep) {
        return Optional.ofNullable(networks.get(ep.network()));
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
