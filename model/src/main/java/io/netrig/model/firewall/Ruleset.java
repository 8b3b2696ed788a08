package io.netrig.model.firewall;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The iptables state of one namespace: what {@code iptables-restore} is given there. */
public record Ruleset(String namespace, List<Table> tables) {
    public Ruleset {
        Objects.requireNonNull(namespace, "namespace");
        tables = List.copyOf(tables);
    }

    public Optional<Table> table(TableName name) {
        return tables.stream().filter(t -> t.name() == name).findFirst();
    }
}
