package io.netrig.model.topology;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.MacAddress;
import java.util.Objects;

/**
 * A permanent neighbour entry ({@code ip neigh add A lladdr MAC dev DEV nud permanent}): the namespace sends to
 * {@code address} on {@code dev} without asking ARP. Docker's overlay driver writes one per remote container in the
 * overlay namespace, so no ARP crosses the underlay.
 */
public record NeighbourEntry(LinkRef dev, Ipv4Address address, MacAddress mac, Provenance provenance) {
    public NeighbourEntry {
        Objects.requireNonNull(dev, "dev");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(provenance, "provenance");
    }
}
