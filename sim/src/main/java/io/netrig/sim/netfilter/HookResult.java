package io.netrig.sim.netfilter;

import io.netrig.model.firewall.RuleRef;
import java.util.Objects;
import java.util.Optional;

/** What came out of one hook: the (possibly rewritten) packet, or the rule that stopped it. */
public sealed interface HookResult {
    record Pass(NfPacket packet) implements HookResult {
        public Pass {
            Objects.requireNonNull(packet, "packet");
        }
    }

    /** Dropped by {@code rule}; with a reject code when the rule was REJECT and an ICMP error must go back. */
    record Stopped(RuleRef rule, Optional<Integer> rejectCode) implements HookResult {
        public Stopped {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(rejectCode, "rejectCode");
        }
    }
}
