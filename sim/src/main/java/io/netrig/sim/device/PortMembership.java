package io.netrig.sim.device;

import java.util.Objects;

/** An interface's place in a bridge, with Linux's per-port flags. */
public record PortMembership(BridgeDevice bridge, boolean hairpin, boolean isolated) {
    public PortMembership {
        Objects.requireNonNull(bridge, "bridge");
    }
}
