package io.netrig.model.backend;

import io.netrig.model.net.Ipv4Address;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A question asked of a running lab. Targets of packet probes ({@link Addressed}) are already addresses, names having
 * been resolved in the model; a {@link Lookup} asks the lab's own resolvers.
 */
public sealed interface Probe {
    /** The namespace the probe is sent from. */
    String from();

    /** How the user named the target (a host or container name, an address, or for a lookup the name looked up). */
    String label();

    /** One line for tables: {@code ping host1 -> node-1}. */
    String describe();

    /** The address a probe goes to, when it has one (a lookup has none). */
    default Optional<Ipv4Address> address() {
        return this instanceof Addressed a ? Optional.of(a.to()) : Optional.empty();
    }

    /** A probe whose packets go to one address. */
    sealed interface Addressed extends Probe permits Ping, Tcp, Udp {
        /** The address it is sent to. */
        Ipv4Address to();
    }

    /**
     * A name lookup as an application in {@code from} makes it ({@code getaddrinfo} for IPv4, {@code getent ahostsv4}):
     * the namespace's hosts file first, then its resolv.conf nameservers over UDP. REACHED when the name resolved, with
     * the addresses in {@link Observation#answers()}; NOT_FOUND otherwise (no such name, a server failure, or no
     * nameserver answered). {@code timeout} bounds the whole lookup, as {@code timeout T getent} does; within it the
     * resolver follows its resolv.conf ({@code timeout:N}, {@code attempts:N}, glibc's 5 s and 2 by default).
     */
    record Lookup(String from, String name, Duration timeout) implements Probe {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

        public Lookup {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(timeout, "timeout");
            if (name.isEmpty() || name.length() > 253) {
                throw new IllegalArgumentException("a name to look up is 1-253 characters, got '" + name + "'");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("lookup timeout must be positive, got " + timeout);
            }
        }

        public static Lookup of(String from, String name) {
            return new Lookup(from, name, DEFAULT_TIMEOUT);
        }

        @Override
        public String label() {
            return name;
        }

        @Override
        public String describe() {
            return "lookup " + from + " -> " + name;
        }
    }

    /** ICMP echo: {@code count} requests, waiting up to {@code timeout} for each answer. */
    record Ping(String from, Ipv4Address to, String label, int count, Duration timeout) implements Addressed {
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
    record Tcp(String from, Ipv4Address to, String label, int port, Duration timeout) implements Addressed {
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
    record Udp(String from, Ipv4Address to, String label, int port, Duration timeout) implements Addressed {
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
