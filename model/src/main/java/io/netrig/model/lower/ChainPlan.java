package io.netrig.model.lower;

import io.netrig.model.firewall.Chain;
import io.netrig.model.firewall.Policy;
import io.netrig.model.firewall.Rule;
import io.netrig.model.firewall.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A chain being filled the way dockerd fills it: some rules appended, most inserted at the top
 * ({@code iptables -I}), so that later networks' rules come first, as on a real host.
 */
final class ChainPlan {
    private final String name;
    private final Optional<Policy> policy;
    private final List<Rule> rules = new ArrayList<>();

    ChainPlan(String name, Optional<Policy> policy) {
        this.name = name;
        this.policy = policy;
    }

    void append(Rule rule) {
        rules.add(rule);
    }

    void insertTop(Rule rule) {
        rules.addFirst(rule);
    }

    /** Docker's ensureJumpRule: delete the rule if present, then insert it at the top. */
    void ensureAtTop(Rule rule) {
        rules.removeIf(r -> r.matches().equals(rule.matches()) && r.target().equals(rule.target()));
        rules.addFirst(rule);
    }

    /** Inserts {@code rule} right after the first rule that jumps to {@code chain}, or at the top when none does. */
    void insertAfterJumpTo(String chain, Rule rule) {
        int at = 0;
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).target() instanceof Target.Jump(String to) && to.equals(chain)) {
                at = i + 1;
                break;
            }
        }
        rules.add(at, rule);
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    Chain build() {
        return new Chain(name, policy, rules);
    }
}
