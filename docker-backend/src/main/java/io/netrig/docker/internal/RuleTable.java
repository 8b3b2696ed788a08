package io.netrig.docker.internal;

import io.netrig.model.firewall.TableName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A namespace's firewall as {@code iptables-save -c} prints it (the machine-readable dump iptables-restore reads
 * back): per table and chain, the policy and the rules in order, each rule as its canonical {@code -A CHAIN …} text
 * with its packet counter.
 */
public record RuleTable(Map<TableName, Map<String, ChainState>> tables) {
    public RuleTable {
        Map<TableName, Map<String, ChainState>> copy = new LinkedHashMap<>();
        tables.forEach((t, chains) -> copy.put(t, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(chains))));
        tables = java.util.Collections.unmodifiableMap(copy);
    }

    /** One rule: its iptables-save text without the counter, and how many packets it matched. */
    public record RuleLine(String text, long packets) {
        public RuleLine {
            Objects.requireNonNull(text, "text");
        }

        /** The target ({@code -j X} or {@code -g X}), or empty. */
        public Optional<String> target() {
            String[] words = text.split(" ");
            for (int i = 0; i < words.length - 1; i++) {
                if (words[i].equals("-j") || words[i].equals("-g")) {
                    return Optional.of(words[i + 1]);
                }
            }
            return Optional.empty();
        }
    }

    /** A chain: its policy (built-in chains) and packets counted against it, and its rules. */
    public record ChainState(String name, Optional<String> policy, long policyPackets, List<RuleLine> rules) {
        public ChainState {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(policy, "policy");
            rules = List.copyOf(rules);
        }
    }

    public Optional<ChainState> chain(TableName table, String chain) {
        return Optional.ofNullable(tables.getOrDefault(table, Map.of()).get(chain));
    }

    public static RuleTable parse(String iptablesSave) {
        Map<TableName, Map<String, ChainState>> tables = new LinkedHashMap<>();
        TableName table = null;
        Map<String, String> policies = new LinkedHashMap<>();
        Map<String, Long> policyPackets = new LinkedHashMap<>();
        Map<String, List<RuleLine>> rules = new LinkedHashMap<>();
        for (String raw : iptablesSave.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("*")) {
                String name = line.substring(1);
                table = java.util.Arrays.stream(TableName.values()).filter(t -> t.iptablesName().equals(name)).findFirst().orElse(null);
                policies.clear();
                policyPackets.clear();
                rules.clear();
            } else if (line.equals("COMMIT")) {
                if (table != null) {
                    Map<String, ChainState> chains = new LinkedHashMap<>();
                    for (String chain : rules.keySet()) {
                        chains.put(chain, new ChainState(chain, Optional.ofNullable(policies.get(chain)).filter(p -> !p.equals("-")),
                                policyPackets.getOrDefault(chain, 0L), rules.get(chain)));
                    }
                    tables.put(table, chains);
                }
                table = null;
            } else if (line.startsWith(":")) {
                String[] words = line.substring(1).split(" ");
                rules.put(words[0], new ArrayList<>());
                policies.put(words[0], words.length > 1 ? words[1] : "-");
                policyPackets.put(words[0], words.length > 2 ? packets(words[2]) : 0L);
            } else {
                long packets = 0;
                String text = line;
                if (line.startsWith("[")) {
                    int end = line.indexOf(']');
                    packets = packets(line.substring(0, end + 1));
                    text = line.substring(end + 1).strip();
                }
                String chain = text.split(" ")[1];
                rules.computeIfAbsent(chain, c -> new ArrayList<>()).add(new RuleLine(text, packets));
            }
        }
        return new RuleTable(tables);
    }

    private static long packets(String counter) {
        String inner = counter.substring(1, counter.length() - 1);
        return Long.parseLong(inner.substring(0, inner.indexOf(':')));
    }
}
