package io.netrig.model.topology;

import io.netrig.model.net.Ipv4Address;
import java.util.List;
import java.util.Objects;

/** One line of {@code /etc/hosts}: an address and its names, the canonical name first. */
public record HostsEntry(Ipv4Address address, List<String> names) {
    public HostsEntry {
        Objects.requireNonNull(address, "address");
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a hosts entry for " + address + " needs a name");
        }
    }

    /** {@code 172.17.0.2\tdb 1a2b3c4d5e6f}. */
    public String line() {
        return address + "\t" + String.join(" ", names);
    }
}
