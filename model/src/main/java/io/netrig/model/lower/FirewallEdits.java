package io.netrig.model.lower;

import io.netrig.model.SourceLocation;
import io.netrig.model.SpecException;
import io.netrig.model.firewall.Chain;
import io.netrig.model.firewall.Policy;
import io.netrig.model.firewall.Rule;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.firewall.Table;
import io.netrig.model.firewall.TableName;
import io.netrig.model.firewall.Target;
import io.netrig.model.spec.HostCommand;
import io.netrig.model.spec.IptablesEdit;
import io.netrig.model.spec.SourceMap;
import io.netrig.model.topology.Provenance;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A host's {@code iptables} commands applied, in order, to the ruleset dockerd left (or, on a host without one, to
 * empty tables whose built-in chains accept). Each command is checked against the chains as they are at that point,
 * with iptables' own wording: {@code iptables: No chain/target/match by that name.},
 * {@code iptables: Index of insertion too big.}, {@code iptables: Chain already exists.},
 * {@code iptables: Bad built-in chain name.}
 */
final class FirewallEdits {
    private final String host;
    private final SourceMap sources;
    private final Map<TableName, Map<String, ChainState>> tables = new EnumMap<>(TableName.class);

    /** A chain being edited: its policy (built-in chains) and rules. */
    private record ChainState(Optional<Policy> policy, List<Rule> rules) {
    }

    private FirewallEdits(String host, SourceMap sources, Optional<Ruleset> base) {
        this.host = host;
        this.sources = sources;
        base.ifPresent(rs -> rs.tables().forEach(t -> {
            Map<String, ChainState> chains = new LinkedHashMap<>();
            t.chains().forEach(c -> chains.put(c.name(), new ChainState(c.policy(), new ArrayList<>(c.rules()))));
            tables.put(t.name(), chains);
        }));
    }

    static Ruleset apply(String host, Optional<Ruleset> base, List<HostCommand.Iptables> commands, SourceMap sources) {
        FirewallEdits e = new FirewallEdits(host, sources, base);
        commands.forEach(e::apply);
        return e.ruleset();
    }

    private void apply(HostCommand.Iptables c) {
        IptablesEdit edit = c.edit();
        Map<String, ChainState> chains = tables.computeIfAbsent(edit.table(), FirewallEdits::emptyTable);
        ChainState chain = chains.get(edit.chain());
        Provenance p = Provenance.of("host '" + host + "' command: " + c.text());
        switch (edit) {
            case IptablesEdit.NewChain n -> {
                if (chain != null) {
                    fail(c, "iptables: Chain already exists.");
                }
                chains.put(n.chain(), new ChainState(Optional.empty(), new ArrayList<>()));
            }
            case IptablesEdit.SetPolicy s -> {
                if (!s.table().isBuiltin(s.chain())) {
                    fail(c, "iptables: Bad built-in chain name.");
                }
                chains.put(s.chain(), new ChainState(Optional.of(s.policy()), chain.rules()));
            }
            case IptablesEdit.Append a -> rules(c, chains, chain).add(checkedRule(c, chains, a.rule(), p));
            case IptablesEdit.Insert i -> {
                List<Rule> rules = rules(c, chains, chain);
                if (i.position() > rules.size() + 1) {
                    fail(c, "iptables: Index of insertion too big.");
                }
                rules.add(i.position() - 1, checkedRule(c, chains, i.rule(), p));
            }
        }
    }

    private List<Rule> rules(HostCommand.Iptables c, Map<String, ChainState> chains, ChainState chain) {
        if (chain == null) {
            fail(c, "iptables: No chain/target/match by that name. (chains of table " + c.edit().table().iptablesName() + ": "
                    + String.join(", ", chains.keySet()) + ")");
        }
        return chain.rules();
    }

    private Rule checkedRule(HostCommand.Iptables c, Map<String, ChainState> chains, Rule rule, Provenance p) {
        String jump = rule.target() instanceof Target.Jump(String j) ? j : rule.target() instanceof Target.Goto(String g) ? g : null;
        if (jump != null && !chains.containsKey(jump)) {
            fail(c, "iptables: No chain/target/match by that name. (no chain or target " + jump + ")");
        }
        return new Rule(rule.matches(), rule.target(), p);
    }

    private void fail(HostCommand.Iptables c, String message) {
        SourceLocation at = sources.locate(c.path());
        throw SpecException.of(at, "host '" + host + "': " + c.text().strip() + ": " + message);
    }

    private static Map<String, ChainState> emptyTable(TableName name) {
        Map<String, ChainState> chains = new LinkedHashMap<>();
        name.builtinChains().forEach(b -> chains.put(b, new ChainState(Optional.of(Policy.ACCEPT), new ArrayList<>())));
        return chains;
    }

    private Ruleset ruleset() {
        List<Table> out = new ArrayList<>();
        tables.forEach((name, chains) -> {
            List<Chain> list = new ArrayList<>();
            chains.forEach((chainName, state) -> list.add(new Chain(chainName, state.policy(), state.rules())));
            out.add(new Table(name, list));
        });
        return new Ruleset(host, out);
    }
}
