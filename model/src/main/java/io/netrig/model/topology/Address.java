package io.netrig.model.topology;

import io.netrig.model.net.Ipv4Interface;
import java.util.Objects;

/** An IPv4 address on an interface. Like Linux, it implies a connected route for its prefix. */
public record Address(LinkRef ref, Ipv4Interface address, Provenance provenance) {
    public Address {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(provenance, "provenance");
    }
}
