package io.netrig.kernel.internal;

import io.netrig.kernel.netns.Errno;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a sender saw of its ICMP echo requests, before it is judged as an outcome ({@link PingVerdict}).
 *
 * @param sent requests handed to the kernel
 * @param replies echo replies with the probe's identifier
 * @param firstError the first ICMP destination-unreachable that quoted one of the probe's requests
 * @param sendError the first errno {@code sendto} gave (the sender's own stack refused a request)
 * @param noRoute the first request found no route ({@code sendto}: ENETUNREACH); nothing more was sent
 */
public record EchoAttempt(int sent, int replies, Optional<IcmpError> firstError, Optional<Errno> sendError, boolean noRoute,
                          Duration elapsed) {
    public EchoAttempt {
        Objects.requireNonNull(firstError, "firstError");
        Objects.requireNonNull(sendError, "sendError");
        Objects.requireNonNull(elapsed, "elapsed");
        if (sent < 0 || replies < 0) {
            throw new IllegalArgumentException("sent and replies are counts, got " + sent + " and " + replies);
        }
    }

    public static EchoAttempt answered(int sent, int replies) {
        return new EchoAttempt(sent, replies, Optional.empty(), Optional.empty(), false, Duration.ZERO);
    }

    public static EchoAttempt unanswered(int sent) {
        return new EchoAttempt(sent, 0, Optional.empty(), Optional.empty(), false, Duration.ZERO);
    }

    public static EchoAttempt icmpError(IcmpError error) {
        return new EchoAttempt(1, 0, Optional.of(error), Optional.empty(), false, Duration.ZERO);
    }

    public static EchoAttempt refusedAtSend(Errno errno) {
        return new EchoAttempt(0, 0, Optional.empty(), Optional.of(errno), errno == Errno.ENETUNREACH, Duration.ZERO);
    }
}
