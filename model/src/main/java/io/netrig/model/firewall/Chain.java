package io.netrig.model.firewall;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A chain and its rules in order. Built-in chains have a policy; user chains have none. */
public record Chain(String name, Optional<Policy> policy, List<Rule> rules) {
    public Chain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(policy, "policy");
        rules = List.copyOf(rules);
        if (name.isEmpty() || name.length() > 28 || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("'" + name + "' is not a usable chain name (1-28 characters, no spaces)");
        }
    }
}
