package io.netrig.model.topology;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.net.LinkName;
import java.util.Objects;
import java.util.Optional;

/** A static route in a namespace's main table: via a gateway, out of a device, or both. */
public record Route(String namespace, Ipv4Prefix destination, Optional<Ipv4Address> via, Optional<LinkName> dev,
                    int metric, Provenance provenance) {
    public Route {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(dev, "dev");
        Objects.requireNonNull(provenance, "provenance");
        if (via.isEmpty() && dev.isEmpty()) {
            throw new IllegalArgumentException("route to " + destination + " in " + namespace + " needs a gateway or a device");
        }
        if (metric < 0) {
            throw new IllegalArgumentException("route metric must not be negative: " + metric);
        }
    }

    public static Route via(String namespace, Ipv4Prefix destination, Ipv4Address gateway, Provenance provenance) {
        return new Route(namespace, destination, Optional.of(gateway), Optional.empty(), 0, provenance);
    }
}
