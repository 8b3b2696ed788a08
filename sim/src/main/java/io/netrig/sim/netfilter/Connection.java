package io.netrig.sim.netfilter;

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

    Connection(CtTuple original, long expiresAt) {
        this.original = original;
        this.reply = original.inverse();
        this.expiresAt = expiresAt;
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

    /** Source NAT applies when replies come back to another address than the original sender. */
    public boolean sourceNatted() {
        return !reply.dst().equals(original.src());
    }

    public boolean destinationNatted() {
        return !reply.src().equals(original.dst());
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

    void bindSource(CtTuple newReply) {
        this.reply = newReply;
    }

    void markConfirmed() {
        confirmed = true;
    }

    void markSeenReply() {
        seenReply = true;
    }

    long expiresAt() {
        return expiresAt;
    }

    void refresh(long until) {
        expiresAt = until;
    }
}
