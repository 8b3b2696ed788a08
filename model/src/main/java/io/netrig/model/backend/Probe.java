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
}
