package io.netrig.model.firewall;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One iptables table of a namespace: its built-in chains (with policies) and user chains. */
public record Table(TableName name, List<Chain> chains) {
    public Table {
        Objects.requireNonNull(name, "name");
        chains = List.copyOf(chains);
    }

    public Optional<Chain> chain(String chainName) {
        return chains.stream().filter(c -> c.name().equals(chainName)).findFirst();
    }
}
