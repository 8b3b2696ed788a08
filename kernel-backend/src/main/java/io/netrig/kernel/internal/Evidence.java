package io.netrig.kernel.internal;

import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.RuleRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What a verdict may ask about a probe once it has ended; each question is answered only when asked, since each
 * reads the kernel (counters, neighbour table) with a process or two. Also the outcomes every kind of probe judges
 * the same way from it (ping, TCP and UDP): silence, and an error that names the REJECT rule that sent it.
 *
 * @param dropRule the DROP or REJECT rule (or DROP policy) whose counter grew while the probe ran
 * @param arpFailed whether the sender's next hop toward the target has no link-layer address ({@link NeighbourCheck})
 */
public record Evidence(Supplier<Optional<RuleRef>> dropRule, BooleanSupplier arpFailed) {
    public Evidence {
        Objects.requireNonNull(dropRule, "dropRule");
        Objects.requireNonNull(arpFailed, "arpFailed");
    }

    Optional<RuleRef> rule() {
        return dropRule.get();
    }

    boolean arpFailedForTarget() {
        return arpFailed.getAsBoolean();
    }

    /** Nothing came back: DROPPED naming the rule whose counter grew, else TIMEOUT with {@code detail}. */
    Observation silence(Probe probe, String detail) {
        Optional<RuleRef> rule = rule();
        if (rule.isPresent()) {
            return new Observation(probe, Outcome.DROPPED, rule, "dropped by " + rule.get(), List.of());
        }
        return Observation.of(probe, Outcome.TIMEOUT, detail);
    }

    /** An error came back (REFUSED, UNREACHABLE), naming the REJECT rule that sent it when its counter grew. */
    Observation errorReturned(Probe probe, Outcome outcome, String detail) {
        Optional<RuleRef> rule = rule();
        return new Observation(probe, outcome, rule, rule.map(r -> detail + ", sent by " + r).orElse(detail), List.of());
    }

    /** The sender has no route: nothing was sent, so no rule is involved. */
    static Observation noRoute(Probe.Addressed probe) {
        return Observation.of(probe, Outcome.NO_ROUTE, probe.from() + " has no route to " + probe.to());
    }
}
