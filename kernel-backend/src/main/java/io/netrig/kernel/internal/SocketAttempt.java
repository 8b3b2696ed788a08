package io.netrig.kernel.internal;

import io.netrig.kernel.netns.Errno;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What the socket layer reported for one TCP connect or UDP exchange, before it is judged as an outcome. */
public sealed interface SocketAttempt {
    Duration elapsed();

    /** The handshake completed (TCP), or a datagram came back (UDP). */
    record Answered(Duration elapsed) implements SocketAttempt {
        public Answered {
            Objects.requireNonNull(elapsed, "elapsed");
        }
    }

    /**
     * The sender's own stack refused at once, before anything was on the wire: no route ({@code connect} gives
     * ENETUNREACH), or a rule of its OUTPUT chain dropped the datagram ({@code send} gives EPERM).
     */
    record RefusedAtSend(Errno errno, Duration elapsed) implements SocketAttempt {
        public RefusedAtSend {
            Objects.requireNonNull(errno, "errno");
            Objects.requireNonNull(elapsed, "elapsed");
        }
    }

    /**
     * An error came back from the network: a TCP RST or an ICMP destination-unreachable, as the socket's errno, and
     * the ICMP message itself when the socket could read it (a UDP probe's error queue).
     */
    record ErrorReturned(Errno errno, Optional<IcmpError> icmp, Duration elapsed) implements SocketAttempt {
        public ErrorReturned {
            Objects.requireNonNull(errno, "errno");
            Objects.requireNonNull(icmp, "icmp");
            Objects.requireNonNull(elapsed, "elapsed");
        }

        public ErrorReturned(Errno errno, Duration elapsed) {
            this(errno, Optional.empty(), elapsed);
        }
    }

    /** Nothing came back before the probe's timeout. */
    record NoAnswer(Duration elapsed) implements SocketAttempt {
        public NoAnswer {
            Objects.requireNonNull(elapsed, "elapsed");
        }
    }
}
