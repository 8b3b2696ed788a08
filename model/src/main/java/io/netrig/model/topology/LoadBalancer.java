package io.netrig.model.topology;

import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.net.Ipv4Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A layer-4 load balancer in one namespace, as Docker swarm programs IPVS for a service: new TCP and UDP connections
 * that match the {@link Frontend} have their destination rewritten to one of the {@code backends} in turn (IPVS's
 * round-robin scheduler, NAT forwarding), the port kept; replies are translated back by connection tracking. With
 * {@code sourceNat}, the balanced connections also leave with that source address (Docker's
 * {@code -m ipvs --ipvs -j SNAT} rule of the ingress sandbox), so that backends answer through this namespace.
 * Docker selects the packets with firewall marks set in mangle and an IPVS service per mark; a frontend names the
 * same packets directly.
 *
 * @param service the swarm service it balances, for messages and traces
 */
public record LoadBalancer(String namespace, Frontend frontend, List<Ipv4Address> backends, Optional<Ipv4Address> sourceNat,
                           String service, Provenance provenance) {
    public LoadBalancer {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(frontend, "frontend");
        backends = List.copyOf(backends);
        Objects.requireNonNull(sourceNat, "sourceNat");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(provenance, "provenance");
    }

    /** Which new connections are balanced. */
    public sealed interface Frontend {
        /** One line for traces and tables. */
        String describe();
    }

    /**
     * Connections this namespace opens to a service's virtual IP (any TCP or UDP port): the VIP of a service on a
     * network, balanced in every container attached to that network (IPVS's LOCAL_OUT hook).
     */
    public record Vip(Ipv4Address address) implements Frontend {
        public Vip {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String describe() {
            return "VIP " + address;
        }
    }

    /**
     * Connections arriving for one of this namespace's own addresses on {@code protocol}/{@code port}: a published port
     * of the routing mesh, balanced in the ingress sandbox (IPVS's LOCAL_IN hook).
     */
    public record PublishedPort(IpProtocol protocol, int port) implements Frontend {
        public PublishedPort {
            Objects.requireNonNull(protocol, "protocol");
            if (protocol != IpProtocol.TCP && protocol != IpProtocol.UDP) {
                throw new IllegalArgumentException("a published port is tcp or udp, got " + protocol.iptablesName());
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("published port " + port + " is not within 1-65535");
            }
        }

        @Override
        public String describe() {
            return "port " + port + "/" + protocol.iptablesName();
        }
    }
}
