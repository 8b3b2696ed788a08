package io.netrig.model.topology;

import io.netrig.model.net.LinkName;
import java.util.Objects;

/** Membership of an interface in a bridge of the same namespace, with the per-port flags Linux has. */
public record BridgePort(LinkName bridge, boolean hairpin, boolean isolated) {
    public BridgePort {
        Objects.requireNonNull(bridge, "bridge");
    }

    public static BridgePort of(LinkName bridge) {
        return new BridgePort(bridge, false, false);
    }

    public BridgePort withHairpin(boolean on) {
        return new BridgePort(bridge, on, isolated);
    }

    public BridgePort withIsolated(boolean on) {
        return new BridgePort(bridge, hairpin, on);
    }
}
