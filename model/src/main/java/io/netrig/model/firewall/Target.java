package io.netrig.model.firewall;

import io.netrig.model.net.Ipv4Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a matching rule does. Closed set; each renders itself as iptables arguments. */
public sealed interface Target {

    List<String> args();

    /** True when the target ends the packet's traversal of the chain and its callers with a verdict. */
    default boolean terminal() {
        return switch (this) {
            case Accept a -> true;
            case Drop d -> true;
            case Reject r -> true;
            case Return r -> false;
            case Jump j -> false;
            case Goto g -> false;
            case Masquerade m -> true;
            case Dnat d -> true;
            case Redirect r -> true;
            case Snat s -> true;
            case Log l -> false;
        };
    }

    record Accept() implements Target {
        @Override
        public List<String> args() {
            return List.of("-j", "ACCEPT");
        }
    }

    record Drop() implements Target {
        @Override
        public List<String> args() {
            return List.of("-j", "DROP");
        }
    }

    /** REJECT with an ICMP type such as {@code icmp-port-unreachable} or {@code tcp-reset}. */
    record Reject(String with) implements Target {
        public Reject {
            Objects.requireNonNull(with, "with");
        }

        @Override
        public List<String> args() {
            return List.of("-j", "REJECT", "--reject-with", with);
        }
    }

    record Return() implements Target {
        @Override
        public List<String> args() {
            return List.of("-j", "RETURN");
        }
    }

    record Jump(String chain) implements Target {
        public Jump {
            Objects.requireNonNull(chain, "chain");
        }

        @Override
        public List<String> args() {
            return List.of("-j", chain);
        }
    }

    record Goto(String chain) implements Target {
        public Goto {
            Objects.requireNonNull(chain, "chain");
        }

        @Override
        public List<String> args() {
            return List.of("-g", chain);
        }
    }

    record Masquerade() implements Target {
        @Override
        public List<String> args() {
            return List.of("-j", "MASQUERADE");
        }
    }

    record Dnat(Ipv4Address to, Optional<Integer> port) implements Target {
        public Dnat {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(port, "port");
        }

        @Override
        public List<String> args() {
            return List.of("-j", "DNAT", "--to-destination", to + port.map(p -> ":" + p).orElse(""));
        }
    }

    /**
     * {@code -j REDIRECT [--to-ports P]}: destination NAT to the primary address of the interface the packet came in on
     * (127.0.0.1 for locally generated packets), keeping the port unless one is given.
     */
    record Redirect(Optional<Integer> port) implements Target {
        public Redirect {
            Objects.requireNonNull(port, "port");
            port.ifPresent(p -> {
                if (p < 1 || p > 65535) {
                    throw new IllegalArgumentException("REDIRECT port " + p + " is not within 1-65535");
                }
            });
        }

        @Override
        public List<String> args() {
            return port.map(p -> List.of("-j", "REDIRECT", "--to-ports", Integer.toString(p))).orElse(List.of("-j", "REDIRECT"));
        }
    }

    record Snat(Ipv4Address to) implements Target {
        public Snat {
            Objects.requireNonNull(to, "to");
        }

        @Override
        public List<String> args() {
            return List.of("-j", "SNAT", "--to-source", to.toString());
        }
    }

    record Log(String prefix) implements Target {
        public Log {
            Objects.requireNonNull(prefix, "prefix");
        }

        @Override
        public List<String> args() {
            return List.of("-j", "LOG", "--log-prefix", prefix);
        }
    }
}
