package io.netrig.model.topology;

import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.net.Ipv4Address;
import java.util.Objects;

/**
 * An application socket: a TCP listener accepts connections (completes the handshake), a UDP one echoes every
 * datagram back to its sender. Only TCP and UDP.
 */
public record Listener(String namespace, IpProtocol protocol, Ipv4Address address, int port, Provenance provenance)
        implements Service {
    public Listener {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(provenance, "provenance");
        if (protocol != IpProtocol.TCP && protocol != IpProtocol.UDP) {
            throw new IllegalArgumentException("a listener is tcp or udp, got " + protocol.iptablesName());
        }
        Service.checkPort("listener port", port);
    }
}
