package io.netrig.model.topology;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.MacAddress;
import java.util.Objects;

/**
 * A static forwarding entry of a VXLAN device ({@code bridge fdb append MAC dev vxlan0 dst REMOTE self permanent}):
 * frames for {@code mac} are sent to the VTEP at {@code remote}. The all-zeros MAC marks a default destination, to
 * which broadcasts and unknown destinations are flooded.
 */
public record FdbEntry(LinkRef dev, MacAddress mac, Ipv4Address remote, Provenance provenance) {
    public FdbEntry {
        Objects.requireNonNull(dev, "dev");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(provenance, "provenance");
    }
}
