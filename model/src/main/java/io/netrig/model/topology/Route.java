package io.netrig.model.topology;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.net.LinkName;
import java.util.Objects;
import java.util.Optional;

/**
 * A static route in a namespace's main table: via a gateway, out of a device, or both; {@code src} is the preferred
 * source address ({@code ip route add … src A}) for packets the namespace itself sends along it. Without it Linux picks
 * the source as {@code inet_select_addr} does: the first primary address of the outgoing device on the gateway's (or
 * the destination's) subnet, else the device's first address, else an address of another device.
 */
public record Route(String namespace, Ipv4Prefix destination, Optional<Ipv4Address> via, Optional<LinkName> dev,
                    int metric, Optional<Ipv4Address> src, Provenance provenance) {
    public Route {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(dev, "dev");
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(provenance, "provenance");
        if (via.isEmpty() && dev.isEmpty()) {
            throw new IllegalArgumentException("route to " + destination + " in " + namespace + " needs a gateway or a device");
        }
        if (metric < 0) {
            throw new IllegalArgumentException("route metric must not be negative: " + metric);
        }
    }

    /** A route without a preferred source address. */
    public Route(String namespace, Ipv4Prefix destination, Optional<Ipv4Address> via, Optional<LinkName> dev,
                 int metric, Provenance provenance) {
        this(namespace, destination, via, dev, metric, Optional.empty(), provenance);
    }

    /** A route straight out of a device, no gateway ({@code ip route add PREFIX dev DEV}). */
    public static Route dev(String namespace, Ipv4Prefix destination, LinkName dev, Provenance provenance) {
        return new Route(namespace, destination, Optional.empty(), Optional.of(dev), 0, provenance);
    }

    public static Route via(String namespace, Ipv4Prefix destination, Ipv4Address gateway, Provenance provenance) {
        return new Route(namespace, destination, Optional.of(gateway), Optional.empty(), 0, provenance);
    }
}
