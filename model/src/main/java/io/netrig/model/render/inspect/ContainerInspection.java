package io.netrig.model.render.inspect;

import java.util.List;
import java.util.Objects;

/**
 * A container as {@code docker exec NAME ip addr} shows it: the interfaces of the namespace it runs in (its own, its
 * host's with {@code --network host}, or another container's with {@code --network container:OTHER}).
 */
public record ContainerInspection(String name, String id, List<IpLink> links) {
    public ContainerInspection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        links = List.copyOf(links);
    }
}
