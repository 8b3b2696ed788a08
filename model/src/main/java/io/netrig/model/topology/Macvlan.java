package io.netrig.model.topology;

import java.util.List;
import java.util.Objects;

/**
 * A macvlan interface on top of a parent interface. The parent may live in another namespace (Docker creates the
 * child on the host's NIC, then moves it into the container); frames the child sends leave through the parent,
 * and frames arriving at the parent for the child's MAC go to the child, never to the parent's own stack.
 */
public record Macvlan(Iface self, LinkRef parent, MacvlanMode mode, Provenance provenance) implements Link {
    public Macvlan {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(provenance, "provenance");
        if (self.port().isPresent()) {
            throw new IllegalArgumentException("macvlan " + self.ref() + " cannot be a bridge port in netrig's model");
        }
    }

    @Override
    public List<Iface> ifaces() {
        return List.of(self);
    }
}
