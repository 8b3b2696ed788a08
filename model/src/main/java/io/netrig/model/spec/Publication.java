package io.netrig.model.spec;

import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.net.Ipv4Address;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how a container's ports are published: on its gateway endpoint, when that is on a bridge network that is
 * not internal ({@code network} empty: the default bridge), with every binding's host address settled (the one written,
 * else the network's {@code host_binding_ipv4}, else 0.0.0.0) and in dockerd's order (container port ascending, tcp
 * before udp). A binding without a host port still has to get one from the ephemeral range.
 */
public record Publication(EndpointSpec endpoint, Optional<NetworkSpec> network, List<PortSpec> bindings) {
    public Publication {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(network, "network");
        bindings = List.copyOf(bindings);
    }

    static Optional<Publication> of(LabSpec spec, ContainerSpec c) {
        if (!(c.mode() instanceof NetworkMode.Attached) || c.ports().isEmpty()) {
            return Optional.empty();
        }
        if (spec.needsGatewayBridge(c)) {
            // an overlay-only container publishes on its node's docker_gwbridge endpoint
            return Optional.of(new Publication(new EndpointSpec(GATEWAY_BRIDGE, Optional.empty(), List.of()), Optional.empty(),
                    ordered(c, Ipv4Address.ANY)));
        }
        return spec.gatewayEndpoint(c).flatMap(ep -> {
            Optional<NetworkSpec> network = spec.networkOf(ep);
            if (network.isPresent() && (network.get().driver() != NetworkDriver.BRIDGE || network.get().internal())) {
                return Optional.empty();
            }
            Ipv4Address defaultIp = network.flatMap(NetworkSpec::hostBindingIpv4).orElse(Ipv4Address.ANY);
            return Optional.of(new Publication(ep, network, ordered(c, defaultIp)));
        });
    }

    /** The bridge the ports are published on: docker0, the network's, or docker_gwbridge. */
    public boolean onGatewayBridge() {
        return endpoint.network().equals(GATEWAY_BRIDGE);
    }

    private static List<PortSpec> ordered(ContainerSpec c, Ipv4Address defaultIp) {
        return c.ports().stream()
                .map(p -> new PortSpec(Optional.of(p.hostIp().orElse(defaultIp)), p.hostPort(), p.containerPort(), p.protocol()))
                .sorted(Comparator.comparingInt(PortSpec::containerPort).thenComparing(p -> p.protocol() != IpProtocol.TCP))
                .toList();
    }

    private static final String GATEWAY_BRIDGE = io.netrig.model.ipam.DockerIpam.GATEWAY_BRIDGE;
}
