package io.netrig.model.spec;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Prefix;
import java.util.Objects;
import java.util.Optional;

/** A static route on a host: {@code to} a prefix (or default), {@code via} a gateway and/or out of {@code dev}. */
public record RouteSpec(Ipv4Prefix to, Optional<Ipv4Address> via, Optional<String> dev, int metric) {
    public RouteSpec {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(dev, "dev");
    }
}
