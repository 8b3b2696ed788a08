package io.netrig.model.spec;

import io.netrig.model.firewall.Policy;
import io.netrig.model.firewall.Rule;
import io.netrig.model.firewall.TableName;
import java.util.Objects;

/** What one {@code iptables} command does to a host's ruleset. */
public sealed interface IptablesEdit {
    TableName table();

    String chain();

    /** {@code iptables [-t T] -A CHAIN RULE}. */
    record Append(TableName table, String chain, Rule rule) implements IptablesEdit {
        public Append {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(chain, "chain");
            Objects.requireNonNull(rule, "rule");
        }
    }

    /** {@code iptables [-t T] -I CHAIN [POSITION] RULE}; positions count from 1. */
    record Insert(TableName table, String chain, int position, Rule rule) implements IptablesEdit {
        public Insert {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(chain, "chain");
            Objects.requireNonNull(rule, "rule");
            if (position < 1) {
                throw new IllegalArgumentException("rule positions count from 1, got " + position);
            }
        }
    }

    /** {@code iptables [-t T] -N CHAIN}. */
    record NewChain(TableName table, String chain) implements IptablesEdit {
        public NewChain {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(chain, "chain");
        }
    }

    /** {@code iptables [-t T] -P CHAIN ACCEPT|DROP}. */
    record SetPolicy(TableName table, String chain, Policy policy) implements IptablesEdit {
        public SetPolicy {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(chain, "chain");
            Objects.requireNonNull(policy, "policy");
        }
    }
}
