package io.netrig.model.topology;

import io.netrig.model.net.LinkName;
import java.util.Objects;

/** An interface by namespace and name: {@code end("h1", "eth0")}. */
public record LinkRef(String namespace, LinkName name) implements Comparable<LinkRef> {
    public LinkRef {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    public static LinkRef end(String namespace, String name) {
        return new LinkRef(namespace, LinkName.of(name));
    }

    @Override
    public int compareTo(LinkRef o) {
        int c = namespace.compareTo(o.namespace);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return namespace + ":" + name;
    }
}
