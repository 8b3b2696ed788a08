package io.netrig.model.topology;

import io.netrig.model.net.Ipv4Address;
import java.util.Locale;
import java.util.Objects;

/** An A record a {@link DnsServer} answers with. Names compare without regard to case, as DNS does. */
public record DnsRecord(String name, Ipv4Address address) {
    public DnsRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a DNS record needs a name");
        }
        name = name.toLowerCase(Locale.ROOT);
    }
}
