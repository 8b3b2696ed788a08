package io.netrig.model.ipam;

import io.netrig.model.net.Ipv4Address;
import java.util.Map;
import java.util.Optional;

/**
 * Every address decision of a lab: per (host, network) the network plan, per (container, network) the endpoint
 * address. The default bridge of a host is the network named {@value DockerIpam#DEFAULT_BRIDGE}.
 */
public record AddressPlan(Map<NetworkKey, NetworkPlan> networks, Map<EndpointKey, Ipv4Address> endpoints) {
    /** No networks, no endpoints: what a lab that is not running yet has. */
    public static final AddressPlan EMPTY = new AddressPlan(Map.of(), Map.of());

    public AddressPlan {
        networks = Map.copyOf(networks);
        endpoints = Map.copyOf(endpoints);
    }

    public record NetworkKey(String host, String network) {
    }

    public record EndpointKey(String container, String network) {
    }

    /** The host part of the key of a swarm-scoped (overlay) network's plan: one plan serves every node. */
    public static final String SWARM_SCOPE = "";

    public Optional<NetworkPlan> network(String host, String network) {
        NetworkPlan swarm = networks.get(new NetworkKey(SWARM_SCOPE, network));
        if (swarm != null) {
            return Optional.of(swarm);
        }
        return Optional.ofNullable(networks.get(new NetworkKey(host, network)));
    }

    public Optional<Ipv4Address> endpoint(String container, String network) {
        return Optional.ofNullable(endpoints.get(new EndpointKey(container, network)));
    }
}
