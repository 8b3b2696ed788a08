package io.netrig.model.render;

import io.netrig.model.firewall.Chain;
import io.netrig.model.firewall.Rule;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.firewall.Table;
import java.util.List;
import java.util.stream.Collectors;

/** Writes rulesets in the {@code iptables-save} / {@code iptables-restore} text format. */
public final class IptablesSave {
    private IptablesSave() {
    }

    /** The whole ruleset of one namespace, one {@code *table ... COMMIT} block per table. */
    public static String render(Ruleset ruleset) {
        StringBuilder sb = new StringBuilder();
        for (Table table : ruleset.tables()) {
            sb.append('*').append(table.name().iptablesName()).append('\n');
            for (Chain chain : table.chains()) {
                sb.append(':').append(chain.name()).append(' ')
                        .append(chain.policy().map(Enum::name).orElse("-")).append(" [0:0]\n");
            }
            for (Chain chain : table.chains()) {
                for (Rule rule : chain.rules()) {
                    sb.append(ruleLine(chain.name(), rule)).append('\n');
                }
            }
            sb.append("COMMIT\n");
        }
        return sb.toString();
    }

    /** One rule as iptables-save prints it: {@code -A FORWARD -i br-x -o br-x -j DROP}. */
    public static String ruleLine(String chain, Rule rule) {
        return "-A " + chain + " " + join(rule.args());
    }

    private static String join(List<String> args) {
        return args.stream().map(a -> a.isEmpty() || a.chars().anyMatch(Character::isWhitespace) ? '"' + a + '"' : a)
                .collect(Collectors.joining(" "));
    }
}
