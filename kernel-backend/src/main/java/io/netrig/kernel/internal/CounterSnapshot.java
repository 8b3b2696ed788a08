package io.netrig.kernel.internal;

import io.netrig.model.firewall.TableName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Packet counters of one namespace's rules, read from {@code iptables-save -c} (the machine format iptables-restore
 * reads, not a human listing): per chain, the counter of each rule in order, and the policy counter of built-in
 * chains.
 */
public record CounterSnapshot(Map<ChainKey, List<Long>> rules, Map<ChainKey, Long> policies) {
    private static final Pattern CHAIN = Pattern.compile(":(\\S+) (\\S+) \\[(\\d+):(\\d+)]");
    private static final Pattern RULE = Pattern.compile("\\[(\\d+):(\\d+)] -A (\\S+) .*");

    public CounterSnapshot {
        Map<ChainKey, List<Long>> copy = new HashMap<>();
        rules.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        rules = Map.copyOf(copy);
        policies = Map.copyOf(policies);
    }

    public static CounterSnapshot parse(String iptablesSaveWithCounters) {
        Map<ChainKey, List<Long>> rules = new HashMap<>();
        Map<ChainKey, Long> policies = new HashMap<>();
        Optional<TableName> table = Optional.empty();
        for (String line : iptablesSaveWithCounters.lines().toList()) {
            if (line.startsWith("*")) {
                table = tableNamed(line.substring(1).strip());
                continue;
            }
            if (table.isEmpty()) {
                continue;   // comments, COMMIT, and tables netrig does not model (e.g. security)
            }
            TableName current = table.get();
            Matcher chain = CHAIN.matcher(line);
            if (chain.matches()) {
                ChainKey key = new ChainKey(current, chain.group(1));
                rules.putIfAbsent(key, new ArrayList<>());
                if (!chain.group(2).equals("-")) {
                    policies.put(key, Long.parseLong(chain.group(3)));
                }
                continue;
            }
            Matcher rule = RULE.matcher(line);
            if (rule.matches()) {
                rules.computeIfAbsent(new ChainKey(current, rule.group(3)), k -> new ArrayList<>()).add(Long.parseLong(rule.group(1)));
            }
        }
        return new CounterSnapshot(rules, policies);
    }

    public List<Long> ruleCounts(ChainKey chain) {
        return rules.getOrDefault(chain, List.of());
    }

    public long policyCount(ChainKey chain) {
        return policies.getOrDefault(chain, 0L);
    }

    private static Optional<TableName> tableNamed(String name) {
        for (TableName t : TableName.values()) {
            if (t.iptablesName().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
