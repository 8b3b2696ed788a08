package io.netrig.model.topology;

import java.util.List;
import java.util.Objects;

/** A veth pair; the two ends may live in different namespaces. */
public record Veth(Iface a, Iface b, Provenance provenance) implements Link {
    public Veth {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(provenance, "provenance");
    }

    @Override
    public List<Iface> ifaces() {
        return List.of(a, b);
    }
}
