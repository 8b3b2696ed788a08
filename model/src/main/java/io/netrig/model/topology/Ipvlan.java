package io.netrig.model.topology;

import java.util.List;
import java.util.Objects;

/**
 * An ipvlan interface on top of a parent interface (which may live in another namespace, as Docker creates the child
 * on the host's NIC and moves it into the container). Unlike macvlan, every child uses the parent's MAC address on the
 * wire: frames arriving at the parent are handed to the child whose IPv4 address they are for. As with macvlan, the
 * parent's own stack and its children do not reach each other through the parent.
 */
public record Ipvlan(Iface self, LinkRef parent, IpvlanMode mode, Provenance provenance) implements Link {
    public Ipvlan {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(provenance, "provenance");
        if (self.port().isPresent()) {
            throw new IllegalArgumentException("ipvlan " + self.ref() + " cannot be a bridge port");
        }
        if (self.mac().isPresent()) {
            throw new IllegalArgumentException("ipvlan " + self.ref() + " has its parent's MAC address and cannot be given one");
        }
    }

    @Override
    public List<Iface> ifaces() {
        return List.of(self);
    }
}
