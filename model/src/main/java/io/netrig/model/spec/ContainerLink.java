package io.netrig.model.spec;

import java.util.Objects;

/**
 * A legacy link, {@code docker run --link CONTAINER[:ALIAS]}: on the default bridge the linking container's hosts file
 * names the linked one (by alias, short ID and name), and with ICC off its exposed ports become reachable.
 */
public record ContainerLink(String container, String alias) {
    public ContainerLink {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(alias, "alias");
    }

    /** {@code db} or {@code db:alias}, as {@code --link} takes it. */
    public static ContainerLink parse(String text) {
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        String alias = colon < 0 ? text : text.substring(colon + 1);
        if (name.isEmpty() || alias.isEmpty() || alias.contains(":")) {
            throw new IllegalArgumentException("is not a link (expected CONTAINER or CONTAINER:ALIAS)");
        }
        return new ContainerLink(name, alias);
    }
}
