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

    /**
     * Dropped by {@code rule}; with what must go back when the rule was REJECT, and the packet as the rule saw it
     * (with its connection, which a tcp-reset answer is attached to).
     */
    record Stopped(RuleRef rule, Optional<Rejection> rejection, NfPacket packet) implements HookResult {
        public Stopped {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(rejection, "rejection");
            Objects.requireNonNull(packet, "packet");
        }
    }
}
