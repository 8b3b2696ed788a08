package io.netrig.model.topology;

import java.util.Objects;

/**
 * A name that runs in another name's namespace: a container started with {@code --network host} lives in its host's
 * namespace, one started with {@code --network container:OTHER} in OTHER's. Probes from or to the alias use that
 * namespace.
 */
public record NamespaceAlias(String name, String namespace, Provenance provenance) {
    public NamespaceAlias {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(provenance, "provenance");
    }
}
