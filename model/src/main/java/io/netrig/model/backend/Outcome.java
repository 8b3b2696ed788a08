package io.netrig.model.backend;

/** What became of a probe, in the terms a network engineer uses. */
public enum Outcome {
    /** The target answered (echo reply, SYN-ACK, UDP reply). */
    REACHED,
    /** A firewall rule dropped the probe or its answer; the observation names the rule when it is known. */
    DROPPED,
    /** The sender had no route ("connect: Network is unreachable"). */
    NO_ROUTE,
    /**
     * An ICMP destination-unreachable came back (host, net or port unreachable, or a REJECT rule); for TCP and UDP
     * probes a port unreachable counts as REFUSED instead. The sender's own failed ARP is silence (TIMEOUT), not this.
     */
    UNREACHABLE,
    /** Nothing listens on the port: a TCP RST, or for TCP and UDP an ICMP port unreachable ("Connection refused"). */
    REFUSED,
    /** Nothing came back in time, and no rule is known to have dropped it. */
    TIMEOUT,
    /** A name lookup found no address: no such name, a server failure, or no nameserver answered. */
    NOT_FOUND;

    public boolean succeeded() {
        return this == REACHED;
    }
}
