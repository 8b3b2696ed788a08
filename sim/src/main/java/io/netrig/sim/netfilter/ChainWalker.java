package io.netrig.sim.netfilter;

import io.netrig.model.firewall.Chain;
import io.netrig.model.firewall.Match;
import io.netrig.model.firewall.Policy;
import io.netrig.model.firewall.Rule;
import io.netrig.model.firewall.RuleRef;
import io.netrig.model.firewall.Table;
import io.netrig.model.firewall.Target;
import io.netrig.model.render.IptablesSave;
import io.netrig.sim.core.Trace;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Walks one table from a built-in chain the way the kernel's ipt_do_table does: rules in order, jumps push a
 * return point, gotos do not, RETURN (or falling off a user chain) pops, and the built-in chain's policy decides
 * when nothing else did.
 */
final class ChainWalker {
    /** Guards against jump loops iptables-restore would have refused. */
    private static final int MAX_STEPS = 100_000;

    private final String namespace;
    private final Table table;
    private final java.util.Map<Rule, int[]> nthCounters = new java.util.IdentityHashMap<>();

    private record ReturnPoint(Chain chain, int next) {
    }

    ChainWalker(String namespace, Table table) {
        this.namespace = namespace;
        this.table = table;
    }

    Verdict walk(String builtin, PacketMatch packet, Trace trace) {
        Optional<Chain> start = table.chain(builtin);
        if (start.isEmpty()) {
            return new Verdict.Accept();
        }
        Deque<ReturnPoint> stack = new ArrayDeque<>();
        Chain chain = start.get();
        int index = 0;
        for (int steps = 0; steps < MAX_STEPS; steps++) {
            if (index >= chain.rules().size()) {
                if (stack.isEmpty()) {
                    return policy(start.get(), trace);
                }
                ReturnPoint back = stack.pop();
                chain = back.chain();
                index = back.next();
                continue;
            }
            Rule rule = chain.rules().get(index);
            if (!allMatch(rule, packet)) {
                index++;
                continue;
            }
            switch (rule.target()) {
                case Target.Accept a -> {
                    return new Verdict.Accept();
                }
                case Target.Drop d -> {
                    return decided(new Verdict.Drop(ref(chain, index, rule)), trace, "DROP");
                }
                case Target.Reject(String with) -> {
                    return decided(new Verdict.Reject(ref(chain, index, rule), Rejection.of(with)), trace, "REJECT");
                }
                case Target.Return r -> {
                    if (stack.isEmpty()) {
                        return policy(start.get(), trace);
                    }
                    ReturnPoint back = stack.pop();
                    chain = back.chain();
                    index = back.next();
                }
                case Target.Jump(String name) -> {
                    stack.push(new ReturnPoint(chain, index + 1));
                    chain = userChain(name);
                    index = 0;
                }
                case Target.Goto(String name) -> {
                    chain = userChain(name);
                    index = 0;
                }
                case Target.Masquerade m -> {
                    return new Verdict.Nat(m, ref(chain, index, rule));
                }
                case Target.Dnat d -> {
                    return new Verdict.Nat(d, ref(chain, index, rule));
                }
                case Target.Redirect r -> {
                    return new Verdict.Nat(r, ref(chain, index, rule));
                }
                case Target.Snat s -> {
                    return new Verdict.Nat(s, ref(chain, index, rule));
                }
                case Target.Log l -> index++;
            }
        }
        throw new IllegalStateException(namespace + " " + table.name().iptablesName() + "/" + builtin
                + ": rule traversal did not end (a jump loop?)");
    }

    private boolean allMatch(Rule rule, PacketMatch packet) {
        for (var m : rule.matches()) {
            boolean matched = m instanceof Match.Statistic s ? nth(rule, s) : packet.matches(m);
            if (!matched) {
                return false;
            }
        }
        return true;
    }

    /**
     * xt_statistic's nth mode: the rule's counter starts at {@code packet}; each packet that reaches the match moves it
     * on, and the one that wraps it past {@code every - 1} back to 0 matches.
     */
    private boolean nth(Rule rule, Match.Statistic s) {
        int[] count = nthCounters.computeIfAbsent(rule, r -> new int[] {s.packet()});
        if (count[0] == s.every() - 1) {
            count[0] = 0;
            return true;
        }
        count[0]++;
        return false;
    }

    /** Names the deciding rule; built only for verdicts that report it, since rule text is costly on this path. */
    private RuleRef ref(Chain chain, int index, Rule rule) {
        return new RuleRef(namespace, table.name(), chain.name(), index + 1, IptablesSave.ruleLine(chain.name(), rule));
    }

    private Chain userChain(String name) {
        return table.chain(name).orElseThrow(() -> new IllegalStateException(
                namespace + " " + table.name().iptablesName() + ": jump to missing chain " + name));
    }

    private Verdict policy(Chain builtin, Trace trace) {
        if (builtin.policy().orElse(Policy.ACCEPT) == Policy.DROP) {
            return decided(new Verdict.Drop(new RuleRef(namespace, table.name(), builtin.name(), 0, "policy DROP")), trace, "DROP");
        }
        return new Verdict.Accept();
    }

    private static Verdict decided(Verdict verdict, Trace trace, String what) {
        RuleRef ref = switch (verdict) {
            case Verdict.Drop d -> d.rule();
            case Verdict.Reject r -> r.rule();
            case Verdict.Accept a -> throw new IllegalArgumentException("accept is not a drop");
            case Verdict.Nat n -> throw new IllegalArgumentException("nat is not a drop");
        };
        trace.dropped(ref);
        if (trace.recording()) {
            trace.step(ref.namespace() + " " + ref.table().iptablesName() + "/" + ref.chain()
                    + (ref.index() == 0 ? " policy " : " #" + ref.index() + " ") + what + " (" + ref.text() + ")");
        }
        return verdict;
    }
}
