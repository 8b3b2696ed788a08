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
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.firewall.Match;
import io.netrig.model.topology.Vxlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
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
        return findAll(topology, before, after).stream().findFirst();
    }

    /** Every DROP or REJECT rule (or DROP policy) whose counter grew, in ruleset, table, chain and rule order. */
    public static List<RuleRef> findAll(Topology topology, Map<String, CounterSnapshot> before, Map<String, CounterSnapshot> after) {
        List<RuleRef> out = new ArrayList<>();
        for (Ruleset rs : topology.rulesets()) {
            CounterSnapshot b = before.get(rs.namespace());
            CounterSnapshot a = after.get(rs.namespace());
            if (b == null || a == null) {
                continue;
            }
            for (Table table : rs.tables()) {
                for (Chain chain : table.chains()) {
                    out.addAll(inChain(rs.namespace(), table, chain, b, a));
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * Whether a probe's packets can ever meet {@code rule} (a rule of {@code topology}): a rule limited to TCP only
     * meets TCP probes, one limited to UDP only UDP probes unless the topology has a VXLAN (which carries every probe
     * in UDP); every other rule, and a policy, can meet any probe (ICMP errors come back for TCP and UDP too). Used to
     * tell which probes of a batch may have moved a counter, so it errs only towards "can".
     */
    public static boolean canMeet(Topology topology, Probe probe, RuleRef rule) {
        Optional<Rule> r = ruleOf(topology, rule);
        if (r.isEmpty()) {
            return true;
        }
        Optional<IpProtocol> proto = r.get().matches().stream()
                .flatMap(m -> m instanceof Match.Protocol(IpProtocol p, boolean negated) && !negated ? Stream.of(p) : Stream.empty())
                .findFirst();
        if (proto.isEmpty()) {
            return true;
        }
        return switch (proto.get()) {
            case TCP -> probe instanceof Probe.Tcp;
            case UDP -> probe instanceof Probe.Udp || probe instanceof Probe.Lookup
                    || topology.links().stream().anyMatch(l -> l instanceof Vxlan);
            case ICMP, ESP -> true;
        };
    }

    private static Optional<Rule> ruleOf(Topology topology, RuleRef ref) {
        if (ref.index() < 1) {
            return Optional.empty();
        }
        return topology.rulesets().stream().filter(rs -> rs.namespace().equals(ref.namespace()))
                .flatMap(rs -> rs.tables().stream()).filter(t -> t.name() == ref.table())
                .flatMap(t -> t.chains().stream()).filter(c -> c.name().equals(ref.chain()))
                .filter(c -> c.rules().size() >= ref.index()).map(c -> c.rules().get(ref.index() - 1)).findFirst();
    }

    private static List<RuleRef> inChain(String ns, Table table, Chain chain, CounterSnapshot before, CounterSnapshot after) {
        ChainKey key = new ChainKey(table.name(), chain.name());
        List<Long> was = before.ruleCounts(key);
        List<Long> now = after.ruleCounts(key);
        List<Rule> rules = chain.rules();
        if (was.size() != rules.size() || now.size() != rules.size()) {
            // someone changed the lab's rules behind its back; positions no longer name model rules
            LOG.warn("{} {}/{}: kernel has {} rules but the lab installed {}; not attributing drops there",
                    ns, table.name().iptablesName(), chain.name(), now.size(), rules.size());
            return List.of();
        }
        List<RuleRef> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (drops(rule.target()) && now.get(i) > was.get(i)) {
                out.add(new RuleRef(ns, table.name(), chain.name(), i + 1, IptablesSave.ruleLine(chain.name(), rule)));
            }
        }
        if (chain.policy().equals(Optional.of(Policy.DROP)) && after.policyCount(key) > before.policyCount(key)) {
            out.add(new RuleRef(ns, table.name(), chain.name(), 0, "-P " + chain.name() + " DROP"));
        }
        return out;
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
            case Target.Redirect r -> false;
            case Target.Snat s -> false;
            case Target.Log l -> false;
        };
    }
}
