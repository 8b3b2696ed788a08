package io.netrig.model.backend;

import io.netrig.model.firewall.RuleRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a backend saw when it ran a probe: the outcome, the rule responsible (for DROPPED, when known),
 * a human detail line, and the path the packets took where the backend can know it.
 */
public record Observation(Probe probe, Outcome outcome, Optional<RuleRef> rule, String detail, List<String> path) {
    public Observation {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
        path = List.copyOf(path);
    }

    public static Observation of(Probe probe, Outcome outcome, String detail) {
        return new Observation(probe, outcome, Optional.empty(), detail, List.of());
    }

    /** The reason column of result tables: the dropping rule if known, else the detail. */
    public String reason() {
        return rule.map(RuleRef::toString).orElse(detail);
    }

    /** Whether two backends saw the same thing: same outcome, and the same rule when both name one. */
    public boolean agreesWith(Observation other) {
        if (outcome != other.outcome) {
            return false;
        }
        if (rule.isPresent() && other.rule.isPresent()) {
            return rule.get().sameRule(other.rule.get());
        }
        return rule.isPresent() == other.rule.isPresent();
    }
}
