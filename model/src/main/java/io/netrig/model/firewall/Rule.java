package io.netrig.model.firewall;

import io.netrig.model.topology.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One iptables rule: all matches must hold, then the target applies. */
public record Rule(List<Match> matches, Target target, Provenance provenance) {
    public Rule {
        matches = List.copyOf(matches);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(provenance, "provenance");
    }

    public static Rule of(Target target, Provenance provenance, Match... matches) {
        return new Rule(List.of(matches), target, provenance);
    }

    /** The rule's arguments after {@code -A CHAIN}, in the order iptables-save prints them. */
    public List<String> args() {
        List<String> out = new ArrayList<>();
        matches.forEach(m -> out.addAll(m.args()));
        out.addAll(target.args());
        return out;
    }
}
