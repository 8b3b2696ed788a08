package io.netrig.model.spec;

import java.util.Objects;

/**
 * A probe as a spec writes it: sender and target by name (host, container) or address; for a lookup the target is the
 * name to resolve, which the lab's resolvers (not netrig) look up.
 */
public sealed interface ProbeSpec {
    String from();

    String to();

    /** A name lookup from {@code from}: {@code getent ahostsv4 NAME} in its namespace. */
    record LookupSpec(String from, String name) implements ProbeSpec {
        public LookupSpec {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(name, "name");
        }

        /** The name looked up. */
        @Override
        public String to() {
            return name;
        }
    }

    record PingSpec(String from, String to, int count) implements ProbeSpec {
        public PingSpec {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (count < 1 || count > 100) {
                throw new IllegalArgumentException("ping count must be 1-100, got " + count);
            }
        }
    }

    /** A TCP connect to {@code to:port}. */
    record TcpSpec(String from, String to, int port) implements ProbeSpec {
        public TcpSpec {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            checkPort(port);
        }
    }

    /** One UDP datagram to {@code to:port}, answered when something listens there. */
    record UdpSpec(String from, String to, int port) implements ProbeSpec {
        public UdpSpec {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            checkPort(port);
        }
    }

    /** The key that writes this probe in a spec: ping, tcp, udp or lookup. */
    default String kind() {
        return switch (this) {
            case PingSpec p -> "ping";
            case TcpSpec t -> "tcp";
            case UdpSpec u -> "udp";
            case LookupSpec l -> "lookup";
        };
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
    }
}
