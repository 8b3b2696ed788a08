package io.netrig.kernel.host;

import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.firewall.RuleRef;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Names the rule behind an observation a machine judged without counters ({@code KernelLab.probeUnattributed}), from
 * the counters of every machine, the way a local lab's verdict does: silence becomes DROPPED when a DROP or REJECT
 * rule's counter grew anywhere in the lab, and a REFUSED or UNREACHABLE names the REJECT rule that sent it. A packet
 * sent from one machine is often dropped on another (the receiving host's FORWARD policy), which only the controller,
 * reading all of them, can see.
 */
public final class Attribution {
    private Attribution() {
    }

    /** {@code rule} is asked only when the outcome may involve a rule. */
    public static Observation amend(Observation seen, Supplier<Optional<RuleRef>> rule) {
        return switch (seen.outcome()) {
            case TIMEOUT -> rule.get().map(r -> new Observation(seen.probe(), Outcome.DROPPED, Optional.of(r), "dropped by " + r, List.of()))
                    .orElse(seen);
            case REFUSED, UNREACHABLE -> seen.rule().isPresent() ? seen : rule.get()
                    .map(r -> new Observation(seen.probe(), seen.outcome(), Optional.of(r), seen.detail() + ", sent by " + r, seen.path(),
                            seen.answers()))
                    .orElse(seen);
            case REACHED, DROPPED, NO_ROUTE, NOT_FOUND -> seen;
        };
    }
}
