package io.netrig.model.spec;

import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.MacAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** A host's NIC, plugged into a segment, with an optional address, MAC and MTU. */
public record InterfaceSpec(String name, String segment, Optional<Ipv4Interface> address, Optional<MacAddress> mac,
                            OptionalInt mtu) {
    public InterfaceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(mtu, "mtu");
    }
}
