package io.netrig.model.topology;

import java.util.List;
import java.util.Objects;

/**
 * An 802.1q VLAN sub-interface ({@code ip link add link ens160 name ens160.50 type vlan id 50}): frames it sends leave
 * its parent tagged with {@code vlanId}; tagged frames with that id arriving at the parent come to it, untagged.
 * It lives in its parent's namespace.
 */
public record Vlan(Iface self, LinkRef parent, int vlanId, Provenance provenance) implements Link {
    public Vlan {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(provenance, "provenance");
        if (vlanId < 1 || vlanId > 4094) {
            throw new IllegalArgumentException("VLAN id of " + self.ref() + " must be 1-4094, got " + vlanId);
        }
        if (!parent.namespace().equals(self.ref().namespace())) {
            throw new IllegalArgumentException("VLAN " + self.ref() + " must be in the namespace of its parent " + parent);
        }
    }

    @Override
    public List<Iface> ifaces() {
        return List.of(self);
    }
}
