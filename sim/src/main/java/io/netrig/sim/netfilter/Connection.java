package io.netrig.sim.netfilter;

import io.netrig.sim.wire.TcpSegment;
import java.util.Optional;

/**
 * One tracked connection. The reply tuple is what a reply is expected to look like; NAT bindings are recorded
 * by changing it, which is also how Linux undoes NAT for replies.
 */
public final class Connection {
    private final CtTuple original;
    private CtTuple reply;
    private boolean confirmed;
    private boolean seenReply;
    private boolean srcNatDecided;
    private boolean dstNatDecided;
    private long expiresAt;
    private Optional<TcpCtState> tcp;
    private boolean finOriginal;
    private boolean finReply;
    private Optional<io.netrig.model.topology.LoadBalancer> balancedBy = Optional.empty();

    Connection(CtTuple original, Optional<TcpCtState> tcp) {
        this.original = original;
        this.reply = original.inverse();
        this.tcp = tcp;
    }

    public CtTuple original() {
        return original;
    }

    public CtTuple reply() {
        return reply;
    }

    public boolean seenReply() {
        return seenReply;
    }

    public boolean confirmed() {
        return confirmed;
    }

    /** Source NAT applies when replies come back to another address or port than the original sender's. */
    public boolean sourceNatted() {
        return !reply.dst().equals(original.src()) || reply.dstPort() != original.srcPort();
    }

    public boolean destinationNatted() {
        return !reply.src().equals(original.dst()) || reply.srcPort() != original.dstPort();
    }

    /** The TCP state (conntrack -L shows it), for TCP connections. */
    Optional<TcpCtState> tcpState() {
        return tcp;
    }

    boolean natDecided(Hook.Manip manip) {
        return manip == Hook.Manip.SRC ? srcNatDecided : dstNatDecided;
    }

    void decideNat(Hook.Manip manip) {
        if (manip == Hook.Manip.SRC) {
            srcNatDecided = true;
        } else {
            dstNatDecided = true;
        }
    }

    /** The load balancer that chose this connection's destination, if one did. */
    Optional<io.netrig.model.topology.LoadBalancer> balancedBy() {
        return balancedBy;
    }

    void balancedBy(io.netrig.model.topology.LoadBalancer balancer) {
        balancedBy = Optional.of(balancer);
    }

    void bindReply(CtTuple newReply) {
        this.reply = newReply;
    }

    void markConfirmed() {
        confirmed = true;
    }

    void markSeenReply() {
        seenReply = true;
    }

    /** Moves a TCP connection along for a segment seen in one direction. */
    void onTcp(TcpSegment t, boolean replyDirection) {
        if (tcp.isEmpty()) {
            return;
        }
        if (t.has(TcpSegment.FIN)) {
            if (replyDirection) {
                finReply = true;
            } else {
                finOriginal = true;
            }
        }
        TcpCtState next = tcp.get().next(t, replyDirection, (finOriginal ? 1 : 0) + (finReply ? 1 : 0));
        if (next != tcp.get()) {
            tcp = Optional.of(next);
        }
    }

    long expiresAt() {
        return expiresAt;
    }

    void refresh(long until) {
        expiresAt = until;
    }
}
