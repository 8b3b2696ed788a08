package io.netrig.model.spec;

import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.net.Ipv4Address;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One published port, {@code docker run -p [hostIp:][hostPort]:containerPort[/proto]}: with no host address it binds
 * every address of the host (or the network's {@code host_binding_ipv4}); with no host port Docker picks one from the
 * ephemeral range.
 */
public record PortSpec(Optional<Ipv4Address> hostIp, OptionalInt hostPort, int containerPort, IpProtocol protocol) {
    public PortSpec {
        Objects.requireNonNull(hostIp, "hostIp");
        Objects.requireNonNull(hostPort, "hostPort");
        Objects.requireNonNull(protocol, "protocol");
        if (protocol != IpProtocol.TCP && protocol != IpProtocol.UDP) {
            throw new IllegalArgumentException("a published port is tcp or udp, got " + protocol.iptablesName());
        }
    }
}
