package io.netrig.model.render.inspect;

import io.netrig.model.firewall.Chain;
import io.netrig.model.firewall.Policy;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.firewall.Table;
import io.netrig.model.firewall.TableName;
import io.netrig.model.render.IptablesSave;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code iptables [-t TABLE] -S} as iptables 1.8 prints it. Unlike {@code iptables-save} it has no {@code *table},
 * {@code COMMIT} or {@code [packets:bytes]}: built-in chains first, in hook order, as {@code -P CHAIN POLICY}, then the
 * user chains sorted by name as {@code -N CHAIN}, then every chain's rules in that same chain order, each as
 * iptables-save writes it. A table the namespace has no rules in prints only its ACCEPT policies.
 */
final class IptablesRules {
    private IptablesRules() {
    }

    static List<String> lines(Optional<Ruleset> ruleset, TableName tableName) {
        Optional<Table> table = ruleset.flatMap(rs -> rs.table(tableName));
        List<Chain> builtins = tableName.builtinChains().stream()
                .map(name -> table.flatMap(t -> t.chain(name)).orElseGet(() -> new Chain(name, Optional.of(Policy.ACCEPT), List.of())))
                .toList();
        List<Chain> user = table.map(t -> t.chains().stream().filter(c -> !tableName.isBuiltin(c.name()))
                .sorted(Comparator.comparing(Chain::name)).toList()).orElse(List.of());
        List<String> out = new ArrayList<>();
        builtins.forEach(c -> out.add("-P " + c.name() + " " + c.policy().orElse(Policy.ACCEPT).name()));
        user.forEach(c -> out.add("-N " + c.name()));
        for (List<Chain> chains : List.of(builtins, user)) {
            chains.forEach(c -> c.rules().forEach(r -> out.add(IptablesSave.ruleLine(c.name(), r))));
        }
        return out;
    }

    static String render(Optional<Ruleset> ruleset, TableName tableName) {
        return String.join("\n", lines(ruleset, tableName)) + "\n";
    }
}
