package io.netrig.kernel.internal;

import io.netrig.model.firewall.TableName;
import java.util.Objects;

/** A chain of one table. */
public record ChainKey(TableName table, String chain) {
    public ChainKey {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(chain, "chain");
    }
}
