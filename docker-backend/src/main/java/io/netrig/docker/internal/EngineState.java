package io.netrig.docker.internal;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.net.MacAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the engine made for a lab, read back with {@code docker network inspect} and {@code docker inspect}, keyed by
 * the spec's names: each network's ID, bridge device, subnet and gateway; each container's ID, process (for
 * {@code docker exec}) and endpoints. {@code bridge} stands for Docker's default bridge.
 */
public record EngineState(Map<String, EngineNetwork> networks, Map<String, EngineContainer> containers) {
    public EngineState {
        networks = Collections.unmodifiableMap(new LinkedHashMap<>(networks));
        containers = Collections.unmodifiableMap(new LinkedHashMap<>(containers));
    }

    /** A network as the engine reports it; {@code bridge} is the Linux bridge in the machine's namespace (bridge driver only). */
    public record EngineNetwork(String specName, String id, Optional<String> bridge, Optional<Ipv4Prefix> subnet,
                                Optional<Ipv4Address> gateway) {
        public EngineNetwork {
            Objects.requireNonNull(specName, "specName");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(bridge, "bridge");
            Objects.requireNonNull(subnet, "subnet");
            Objects.requireNonNull(gateway, "gateway");
        }
    }

    /** A container's endpoint on one network. */
    public record EngineEndpoint(Ipv4Address address, int prefixLength, Optional<MacAddress> mac, Optional<Ipv4Address> gateway) {
        public EngineEndpoint {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(mac, "mac");
            Objects.requireNonNull(gateway, "gateway");
        }
    }

    /** A container: its engine ID and its endpoints by spec network name. */
    public record EngineContainer(String specName, String id, Map<String, EngineEndpoint> endpoints) {
        public EngineContainer {
            Objects.requireNonNull(specName, "specName");
            Objects.requireNonNull(id, "id");
            endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
        }
    }
}
