package io.netrig.sim.netfilter;

import io.netrig.model.firewall.RuleRef;
import io.netrig.model.firewall.Target;

/** How one table's chain at one hook decided a packet. */
sealed interface Verdict {
    record Accept() implements Verdict {
    }

    record Drop(RuleRef rule) implements Verdict {
    }

    /** Dropped, and {@code rejection} goes back to the sender. */
    record Reject(RuleRef rule, Rejection rejection) implements Verdict {
    }

    /** A nat table target: DNAT, SNAT or MASQUERADE. */
    record Nat(Target target, RuleRef rule) implements Verdict {
    }
}
