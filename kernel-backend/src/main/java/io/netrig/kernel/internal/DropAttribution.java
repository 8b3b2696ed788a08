package io.netrig.kernel.internal;

import io.netrig.model.firewall.Chain;
import io.netrig.model.firewall.Policy;
import io.netrig.model.firewall.Rule;
import io.netrig.model.firewall.RuleRef;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.firewall.Table;
import io.netrig.model.firewall.Target;
import io.netrig.model.render.IptablesSave;
import io.netrig.model.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the rule that dropped a probe: a DROP or REJECT rule (or a DROP policy) whose packet counter grew while
 * the probe ran. The lab installed exactly the model's rules, so the n-th counter of a chain is the model's n-th
 * rule of that chain, and the answer names the model's rule.
 */
public final class DropAttribution {
    private static final Logger LOG = LoggerFactory.getLogger(DropAttribution.class);

    private DropAttribution() {
    }

    /** {@code before} and {@code after} are keyed by topology namespace name. */
    public static Optional<RuleRef> find(Topology topology, Map<String, CounterSnapshot> before, Map<String, CounterSnapshot> after) {
        for (Ruleset rs : topology.rulesets()) {
            CounterSnapshot b = before.get(rs.namespace());
            CounterSnapshot a = after.get(rs.namespace());
            if (b == null || a == null) {
                continue;
            }
            for (Table table : rs.tables()) {
                for (Chain chain : table.chains()) {
                    Optional<RuleRef> hit = inChain(rs.namespace(), table, chain, b, a);
                    if (hit.isPresent()) {
                        return hit;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<RuleRef> inChain(String ns, Table table, Chain chain, CounterSnapshot before, CounterSnapshot after) {
        ChainKey key = new ChainKey(table.name(), chain.name());
        List<Long> was = before.ruleCounts(key);
        List<Long> now = after.ruleCounts(key);
        List<Rule> rules = chain.rules();
        if (was.size() != rules.size() || now.size() != rules.size()) {
            // someone changed the lab's rules behind its back; positions no longer name model rules
            LOG.warn("{} {}/{}: kernel has {} rules but the lab installed {}; not attributing drops there",
                    ns, table.name().iptablesName(), chain.name(), now.size(), rules.size());
            return Optional.empty();
        }
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (drops(rule.target()) && now.get(i) > was.get(i)) {
                return Optional.of(new RuleRef(ns, table.name(), chain.name(), i + 1, IptablesSave.ruleLine(chain.name(), rule)));
            }
        }
        if (chain.policy().equals(Optional.of(Policy.DROP)) && after.policyCount(key) > before.policyCount(key)) {
            return Optional.of(new RuleRef(ns, table.name(), chain.name(), 0, "-P " + chain.name() + " DROP"));
        }
        return Optional.empty();
    }

    static boolean drops(Target target) {
        return switch (target) {
            case Target.Drop d -> true;
            case Target.Reject r -> true;
            case Target.Accept a -> false;
            case Target.Return r -> false;
            case Target.Jump j -> false;
            case Target.Goto g -> false;
            case Target.Masquerade m -> false;
            case Target.Dnat d -> false;
            case Target.Snat s -> false;
            case Target.Log l -> false;
        };
    }
}
