package io.netrig.sim.stack;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.sim.device.NetDevice;
import java.util.Objects;
import java.util.Optional;

/** A route as the FIB holds it: connected routes have a preferred source (their address) and no gateway. */
public record RouteEntry(Ipv4Prefix destination, Optional<Ipv4Address> gateway, NetDevice device, int metric,
                         Optional<Ipv4Address> preferredSource, boolean local) {
    public RouteEntry {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(preferredSource, "preferredSource");
    }

    /** The neighbour a packet to {@code dst} is handed to: the gateway, or the destination itself when on-link. */
    public Ipv4Address nextHop(Ipv4Address dst) {
        return gateway.orElse(dst);
    }

    @Override
    public String toString() {
        return destination + gateway.map(g -> " via " + g).orElse("") + " dev " + device.name()
                + (metric == 0 ? "" : " metric " + metric);
    }
}
