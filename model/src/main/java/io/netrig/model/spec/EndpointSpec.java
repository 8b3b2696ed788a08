package io.netrig.model.spec;

import io.netrig.model.net.Ipv4Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A container's attachment to a network: a fixed {@code ip} or one from IPAM, and DNS aliases. */
public record EndpointSpec(String network, Optional<Ipv4Address> ip, List<String> aliases) {
    public EndpointSpec {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(ip, "ip");
        aliases = List.copyOf(aliases);
    }
}
