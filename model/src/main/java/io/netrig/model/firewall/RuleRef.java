package io.netrig.model.firewall;

import java.util.Objects;

/**
 * Names one rule of a lab: namespace, table, chain and 1-based position (as {@code iptables -L --line-numbers}
 * counts), plus its iptables-save text for people. A position of 0 means the chain's policy.
 */
public record RuleRef(String namespace, TableName table, String chain, int index, String text) {
    public RuleRef {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(text, "text");
        if (index < 0) {
            throw new IllegalArgumentException("rule index must not be negative: " + index);
        }
    }

    /** Same rule, ignoring the display text. */
    public boolean sameRule(RuleRef other) {
        return namespace.equals(other.namespace) && table == other.table && chain.equals(other.chain) && index == other.index;
    }

    @Override
    public String toString() {
        return namespace + " " + table.iptablesName() + "/" + chain + (index == 0 ? " policy" : " #" + index) + ": " + text;
    }
}
