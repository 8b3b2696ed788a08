package io.netrig.model.render.inspect;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.net.MacAddress;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One Docker network as {@code docker network inspect} reports it on Docker 20.10. Maps are sorted by key, as Go's JSON
 * encoder writes them.
 *
 * @param ipamOptions {@code IPAM.Options}: empty for the predefined networks (Docker prints {@code null}), an empty map
 *                    for networks made by {@code docker network create}
 * @param ipamConfig  {@code IPAM.Config}: what the network was created with, or when it was given no subnet, the pool
 *                    IPAM chose and its gateway
 * @param containers  the endpoints of containers attached to it
 * @param options     the driver options ({@code -o}) Docker keeps for it
 */
public record DockerNetwork(String id, String name, String created, String driver, boolean internal,
                            Optional<Map<String, String>> ipamOptions, List<IpamConfig> ipamConfig, List<Endpoint> containers,
                            Map<String, String> options, String scope) {
    public static final String SCOPE = "local";
    /** The scope of an overlay network: it belongs to the swarm, not to one host. */
    public static final String SWARM_SCOPE = "swarm";

    /** A network of one host (scope local). */
    public DockerNetwork(String id, String name, String created, String driver, boolean internal,
                         Optional<Map<String, String>> ipamOptions, List<IpamConfig> ipamConfig, List<Endpoint> containers,
                         Map<String, String> options) {
        this(id, name, created, driver, internal, ipamOptions, ipamConfig, containers, options, SCOPE);
    }

    public DockerNetwork {
        if (!id.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a network ID has 64 hex digits, got " + id);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(driver, "driver");
        ipamOptions = ipamOptions.map(DockerNetwork::sorted);
        ipamConfig = List.copyOf(ipamConfig);
        containers = List.copyOf(containers);
        options = sorted(options);
    }

    /** The 12 hex digits {@code docker network ls} shows. */
    public String shortId() {
        return id.substring(0, 12);
    }

    /** One entry of {@code IPAM.Config}. */
    public record IpamConfig(Ipv4Prefix subnet, Optional<Ipv4Prefix> ipRange, Optional<Ipv4Address> gateway,
                             Map<String, Ipv4Address> auxAddresses) {
        public IpamConfig {
            Objects.requireNonNull(subnet, "subnet");
            Objects.requireNonNull(ipRange, "ipRange");
            Objects.requireNonNull(gateway, "gateway");
            auxAddresses = sorted(auxAddresses);
        }
    }

    /**
     * One entry of {@code Containers}. Containers in {@code host} or {@code none} mode are listed on those networks
     * with no MAC and no address, as Docker lists them.
     */
    public record Endpoint(String containerId, String name, String endpointId, Optional<MacAddress> mac,
                           Optional<Ipv4Interface> ipv4) {
        public Endpoint {
            Objects.requireNonNull(containerId, "containerId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(endpointId, "endpointId");
            Objects.requireNonNull(mac, "mac");
            Objects.requireNonNull(ipv4, "ipv4");
        }
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
