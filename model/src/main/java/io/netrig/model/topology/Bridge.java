package io.netrig.model.topology;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** A Linux bridge (STP off, no VLAN filtering) with its MAC ageing time. */
public record Bridge(Iface self, Duration ageing, Provenance provenance) implements Link {
    public static final Duration DEFAULT_AGEING = Duration.ofSeconds(300);

    public Bridge {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(ageing, "ageing");
        Objects.requireNonNull(provenance, "provenance");
        if (self.port().isPresent()) {
            throw new IllegalArgumentException("bridge " + self.ref() + " cannot itself be a bridge port");
        }
        if (ageing.isNegative()) {
            throw new IllegalArgumentException("bridge ageing time must not be negative: " + ageing);
        }
    }

    @Override
    public List<Iface> ifaces() {
        return List.of(self);
    }
}
