package io.netrig.model.spec;

import io.netrig.model.firewall.IpProtocol;
import java.util.Objects;

/** A port an application listens on in a container or on a host ({@code listen: [80, 53/udp]}), on every address. */
public record ListenSpec(int port, IpProtocol protocol) {
    public ListenSpec {
        Objects.requireNonNull(protocol, "protocol");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
    }

    @Override
    public String toString() {
        return port + "/" + protocol.iptablesName();
    }
}
