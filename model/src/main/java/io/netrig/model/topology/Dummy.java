package io.netrig.model.topology;

import java.util.List;
import java.util.Objects;

/**
 * A dummy interface: up, addressable, connected to nothing; whatever is sent out of it disappears. Docker creates one
 * as the parent of a macvlan or ipvlan network that names no {@code parent}, which makes the network an island.
 */
public record Dummy(Iface self, Provenance provenance) implements Link {
    public Dummy {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(provenance, "provenance");
        if (self.port().isPresent()) {
            throw new IllegalArgumentException("dummy " + self.ref() + " is not a bridge port in netrig's model");
        }
    }

    @Override
    public List<Iface> ifaces() {
        return List.of(self);
    }
}
