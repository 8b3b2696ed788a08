package io.netrig.model.backend;

import io.netrig.model.firewall.RuleRef;
import io.netrig.model.net.Ipv4Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a backend saw when it ran a probe: the outcome, the rule responsible (for DROPPED, when known),
 * a human detail line, and the path the packets took where the backend can know it.
 */
public record Observation(Probe probe, Outcome outcome, Optional<RuleRef> rule, String detail, List<String> path,
                          List<Ipv4Address> answers) {
    public Observation {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
        path = List.copyOf(path);
        answers = List.copyOf(answers);
    }

    /** An observation of a packet probe (no lookup answers). */
    public Observation(Probe probe, Outcome outcome, Optional<RuleRef> rule, String detail, List<String> path) {
        this(probe, outcome, rule, detail, path, List.of());
    }

    /** A lookup that resolved {@code probe}'s name to {@code answers}, in the order the resolver gave them. */
    public static Observation resolved(Probe.Lookup probe, List<Ipv4Address> answers, String detail) {
        if (answers.isEmpty()) {
            throw new IllegalArgumentException("a resolved lookup has at least one address");
        }
        return new Observation(probe, Outcome.REACHED, Optional.empty(), detail, List.of(), answers);
    }

    public static Observation of(Probe probe, Outcome outcome, String detail) {
        return new Observation(probe, outcome, Optional.empty(), detail, List.of());
    }

    /** The reason column of result tables: the dropping rule if known, else the detail. */
    public String reason() {
        return rule.map(RuleRef::toString).orElse(detail);
    }

    /** Whether two backends saw the same thing: same outcome and lookup answers, and the same rule when both name one. */
    public boolean agreesWith(Observation other) {
        // glibc sorts getaddrinfo's answers (RFC 6724), the simulator keeps the resolver's order: compare them as sets.
        if (outcome != other.outcome || !java.util.Set.copyOf(answers).equals(java.util.Set.copyOf(other.answers))) {
            return false;
        }
        if (rule.isPresent() && other.rule.isPresent()) {
            return rule.get().sameRule(other.rule.get());
        }
        return rule.isPresent() == other.rule.isPresent();
    }
}
