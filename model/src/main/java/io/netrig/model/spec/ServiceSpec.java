package io.netrig.model.spec;

import io.netrig.model.firewall.IpProtocol;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A swarm service as {@code docker service create} makes it: {@code --network} (overlay networks, in order),
 * {@code --replicas N} or {@code --mode global}, placement on named nodes ({@code --constraint node.hostname==…}),
 * published ports ({@code -p published=8080,target=80[,protocol=udp][,mode=ingress|host]}), and
 * {@code --endpoint-mode vip|dnsrr}. Its tasks are containers {@code <name>.<slot>} placed on the nodes; see
 * {@link SwarmServices}.
 *
 * @param replicas  tasks of a replicated service (a global one runs one task per eligible node)
 * @param placement the nodes its tasks may run on, empty for every swarm node
 * @param listen    the ports its tasks' application listens on; absent: the published ports' targets
 */
public record ServiceSpec(String name, List<String> networks, int replicas, boolean global, List<String> placement,
                          List<ServicePort> ports, EndpointMode endpointMode, Optional<List<ListenSpec>> listen) {
    /** How a service name resolves on its networks: to one virtual IP, or to the task addresses (DNS round robin). */
    public enum EndpointMode {
        VIP, DNSRR;

        public String specName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How a port is published: on every node through the routing mesh, or on the task's own node only. */
    public enum PublishMode {
        INGRESS, HOST;

        public String specName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One {@code -p published=P,target=T,protocol=…,mode=…}. */
    public record ServicePort(int published, int target, IpProtocol protocol, PublishMode mode) {
        public ServicePort {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(mode, "mode");
            if (published < 1 || published > 65535 || target < 1 || target > 65535) {
                throw new IllegalArgumentException("ports are 1-65535, got published " + published + " target " + target);
            }
            if (protocol != IpProtocol.TCP && protocol != IpProtocol.UDP) {
                throw new IllegalArgumentException("a published port is tcp or udp, got " + protocol.iptablesName());
            }
        }

        /**
         * Parses {@code docker service create -p}'s long form {@code published=8080,target=80[,protocol=udp][,mode=host]}
         * or its short form {@code 8080:80[/udp]}.
         */
        public static ServicePort parse(String raw) {
            String text = raw.trim();
            if (!text.contains("=")) {
                int colon = text.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException("invalid published port '" + text
                            + "' (expected published=P,target=T[,protocol=udp][,mode=host] or P:T[/udp])");
                }
                ListenSpec target = PortSyntax.parseListen(text.substring(colon + 1));
                return new ServicePort(PortSyntax.parseListen(text.substring(0, colon)).port(), target.port(), target.protocol(),
                        PublishMode.INGRESS);
            }
            Integer published = null;
            Integer target = null;
            IpProtocol protocol = IpProtocol.TCP;
            PublishMode mode = PublishMode.INGRESS;
            for (String part : text.split(",")) {
                int eq = part.indexOf('=');
                String key = eq < 0 ? part.trim() : part.substring(0, eq).trim();
                String value = eq < 0 ? "" : part.substring(eq + 1).trim();
                switch (key) {
                    case "published" -> published = PortSyntax.parseListen(value).port();
                    case "target" -> target = PortSyntax.parseListen(value).port();
                    case "protocol" -> protocol = switch (value) {
                        case "tcp" -> IpProtocol.TCP;
                        case "udp" -> IpProtocol.UDP;
                        default -> throw new IllegalArgumentException("invalid protocol '" + value + "' (expected tcp or udp)");
                    };
                    case "mode" -> mode = switch (value) {
                        case "ingress" -> PublishMode.INGRESS;
                        case "host" -> PublishMode.HOST;
                        default -> throw new IllegalArgumentException("invalid publish mode '" + value + "' (expected ingress or host)");
                    };
                    default -> throw new IllegalArgumentException("invalid field key '" + key
                            + "' (expected published, target, protocol or mode)");
                }
            }
            if (target == null) {
                throw new IllegalArgumentException("missing mandatory field \"target\" in '" + text + "'");
            }
            if (published == null) {
                throw new IllegalArgumentException("missing field \"published\" in '" + text
                        + "' (Docker would pick a port from 30000-32767; netrig asks for it)");
            }
            return new ServicePort(published, target, protocol, mode);
        }
    }

    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        networks = List.copyOf(networks);
        placement = List.copyOf(placement);
        ports = List.copyOf(ports);
        Objects.requireNonNull(endpointMode, "endpointMode");
        listen = listen.map(List::copyOf);
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative: " + replicas);
        }
    }

    /** The ports its tasks listen on: {@code listen} as written, else the published ports' targets. */
    public List<ListenSpec> listening() {
        return listen.orElseGet(() -> ports.stream().map(p -> new ListenSpec(p.target(), p.protocol())).distinct().toList());
    }

    /** Its ports published through the routing mesh. */
    public List<ServicePort> ingressPorts() {
        return ports.stream().filter(p -> p.mode() == PublishMode.INGRESS).toList();
    }
}
