package io.netrig.model.topology;

import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.net.Ipv4Address;
import java.util.Objects;

/**
 * dockerd's userland proxy ({@code docker-proxy}) for one published port: it listens in the host's namespace on
 * {@code address:port} and relays each TCP connection or UDP datagram to {@code target:targetPort}. It accepts a TCP
 * connection before it knows whether the target does (as docker-proxy does); a UDP datagram gets an answer only if
 * the target answers.
 */
public record PortProxy(String namespace, IpProtocol protocol, Ipv4Address address, int port, Ipv4Address target,
                        int targetPort, Provenance provenance) implements Service {
    public PortProxy {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(provenance, "provenance");
        if (protocol != IpProtocol.TCP && protocol != IpProtocol.UDP) {
            throw new IllegalArgumentException("a port proxy is tcp or udp, got " + protocol.iptablesName());
        }
        Service.checkPort("proxy port", port);
        Service.checkPort("proxy target port", targetPort);
    }
}
