package io.netrig.sim.netfilter;

import io.netrig.sim.wire.TcpSegment;
import java.util.Optional;

/**
 * The states nf_conntrack_proto_tcp keeps a TCP connection in, with their default timeouts. Window tracking is not
 * modelled: only the flags move a connection along.
 */
enum TcpCtState {
    SYN_SENT(120), SYN_RECV(60), ESTABLISHED(432_000), FIN_WAIT(120), LAST_ACK(30), TIME_WAIT(120), CLOSE(10);

    private final long timeoutNanos;

    TcpCtState(long seconds) {
        this.timeoutNanos = seconds * 1_000_000_000L;
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    /**
     * The state of a connection's first segment, if it can open one: a SYN opens one, and so does a bare
     * ACK (nf_conntrack_tcp_loose = 1 picks up connections already under way); SYN-ACK, FIN and RST do not.
     */
    static Optional<TcpCtState> opening(TcpSegment t) {
        if (t.has(TcpSegment.RST) || t.has(TcpSegment.FIN)) {
            return Optional.empty();
        }
        if (t.has(TcpSegment.SYN)) {
            return t.has(TcpSegment.ACK) ? Optional.empty() : Optional.of(SYN_SENT);
        }
        return t.has(TcpSegment.ACK) ? Optional.of(ESTABLISHED) : Optional.empty();
    }

    /** Whether a new SYN in the original direction replaces the connection (it was closed or in TIME_WAIT). */
    boolean reopensOnSyn() {
        return this == TIME_WAIT || this == CLOSE;
    }

    /** The state after {@code t}; {@code finsSeen} counts the directions that have sent a FIN, this one included. */
    TcpCtState next(TcpSegment t, boolean reply, int finsSeen) {
        if (t.has(TcpSegment.RST)) {
            return CLOSE;
        }
        if (t.has(TcpSegment.SYN)) {
            return t.has(TcpSegment.ACK) && reply && this == SYN_SENT ? SYN_RECV : this;
        }
        if (t.has(TcpSegment.FIN)) {
            return finsSeen >= 2 ? LAST_ACK : FIN_WAIT;
        }
        if (t.has(TcpSegment.ACK)) {
            return switch (this) {
                case SYN_RECV -> reply ? SYN_RECV : ESTABLISHED;
                case LAST_ACK -> TIME_WAIT;
                case SYN_SENT, ESTABLISHED, FIN_WAIT, TIME_WAIT, CLOSE -> this;
            };
        }
        return this;
    }
}
