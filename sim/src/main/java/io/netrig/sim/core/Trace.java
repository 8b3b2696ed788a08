package io.netrig.sim.core;

import io.netrig.model.firewall.RuleRef;

/**
 * Where a packet went and what decided its fate. Packets carry the trace of the probe that caused them, so
 * replies, ARP exchanges and ICMP errors report to the probe that is waiting for them.
 */
public interface Trace {
    /** Whether steps are kept; callers skip building step text when not. */
    boolean recording();

    void step(String text);

    /** A firewall rule (or chain policy) dropped or rejected the packet. */
    void dropped(RuleRef rule);

    /** A load balancer (IPVS) chose the packet's destination; {@code how} says which one and where to. */
    default void balanced(String how) {
    }

    /** The trace of packets nobody is watching. */
    static Trace none() {
        return Silent.INSTANCE;
    }

    /** Discards everything. */
    enum Silent implements Trace {
        INSTANCE;

        @Override
        public boolean recording() {
            return false;
        }

        @Override
        public void step(String text) {
        }

        @Override
        public void dropped(RuleRef rule) {
        }
    }
}
