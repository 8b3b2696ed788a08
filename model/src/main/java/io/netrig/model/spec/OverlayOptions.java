package io.netrig.model.spec;

import java.util.OptionalInt;

/**
 * What only an overlay network has: {@code --attachable} (standalone containers may join it, not only swarm tasks)
 * and {@code -o com.docker.network.driver.overlay.vxlanid_list=VNI} (else the swarm's next VNI from 4097 up, 4096 being
 * the ingress network's).
 */
public record OverlayOptions(boolean attachable, OptionalInt vni) {
    public static final OverlayOptions DEFAULTS = new OverlayOptions(false, OptionalInt.empty());

    public OverlayOptions {
        java.util.Objects.requireNonNull(vni, "vni");
    }
}
