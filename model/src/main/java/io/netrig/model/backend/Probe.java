package io.netrig.model.backend;

import io.netrig.model.net.Ipv4Address;
import java.time.Duration;
import java.util.Objects;

/** A question asked of a running lab. Targets are already addresses; names are resolved in the model. */
public sealed interface Probe {
    /** The namespace the probe is sent from. */
    String from();

    /** The address it is sent to. */
    Ipv4Address to();

    /** How the user named the target (a host or container name, or the address itself). */
    String label();

    /** One line for tables: {@code ping host1 -> node-1}. */
    String describe();

    /** ICMP echo: {@code count} requests, waiting up to {@code timeout} for each answer. */
    record Ping(String from, Ipv4Address to, String label, int count, Duration timeout) implements Probe {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

        public Ping {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(timeout, "timeout");
            if (count < 1 || count > 100) {
                throw new IllegalArgumentException("ping count must be 1-100, got " + count);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("ping timeout must be positive, got " + timeout);
            }
        }

        public static Ping of(String from, Ipv4Address to) {
            return new Ping(from, to, to.toString(), 1, DEFAULT_TIMEOUT);
        }

        @Override
        public String describe() {
            return "ping " + from + " -> " + label + (label.equals(to.toString()) ? "" : " (" + to + ")");
        }
    }

    /**
     * A TCP connect to {@code to:port}, as {@code nc -z -w} does. REACHED when the handshake completes, REFUSED on a
     * RST or an ICMP port-unreachable (both are "Connection refused" to the caller), UNREACHABLE on another ICMP
     * destination-unreachable, NO_ROUTE when the sender has no route, otherwise DROPPED (a rule is known) or TIMEOUT.
     */
    record Tcp(String from, Ipv4Address to, String label, int port, Duration timeout) implements Probe {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

        public Tcp {
            checkTransport(from, to, label, port, timeout);
        }

        public static Tcp of(String from, Ipv4Address to, int port) {
            return new Tcp(from, to, to.toString(), port, DEFAULT_TIMEOUT);
        }

        @Override
        public String describe() {
            return "tcp " + from + " -> " + target(label, to) + ":" + port;
        }
    }

    /**
     * One UDP datagram to {@code to:port}, waiting for an answer. REACHED when a datagram comes back (netrig's
     * listeners echo), REFUSED on an ICMP port-unreachable, the other outcomes as for {@link Tcp}.
     */
    record Udp(String from, Ipv4Address to, String label, int port, Duration timeout) implements Probe {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

        public Udp {
            checkTransport(from, to, label, port, timeout);
        }

        public static Udp of(String from, Ipv4Address to, int port) {
            return new Udp(from, to, to.toString(), port, DEFAULT_TIMEOUT);
        }

        @Override
        public String describe() {
            return "udp " + from + " -> " + target(label, to) + ":" + port;
        }
    }

    private static String target(String label, Ipv4Address to) {
        return label.equals(to.toString()) ? label : label + " (" + to + ")";
    }

    private static void checkTransport(String from, Ipv4Address to, String label, int port, Duration timeout) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(timeout, "timeout");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("probe timeout must be positive, got " + timeout);
        }
    }
}
