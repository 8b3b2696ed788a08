package io.netrig.model.spec;

import java.util.OptionalInt;

/**
 * What only an overlay network has: {@code --attachable} (standalone containers may join it, not only swarm tasks),
 * {@code -o com.docker.network.driver.overlay.vxlanid_list=VNI} (else the swarm's next VNI from 4097 up, 4096 being
 * the ingress network's), {@code --ingress} (it is the swarm's routing-mesh network, replacing the default one), and
 * {@code --opt encrypted} (VXLAN between the nodes travels inside IPsec ESP).
 */
public record OverlayOptions(boolean attachable, OptionalInt vni, boolean ingress, boolean encrypted) {
    public static final OverlayOptions DEFAULTS = new OverlayOptions(false, OptionalInt.empty(), false, false);

    public OverlayOptions {
        java.util.Objects.requireNonNull(vni, "vni");
    }

    /** Options of an overlay network that is not the ingress network. */
    public OverlayOptions(boolean attachable, OptionalInt vni) {
        this(attachable, vni, false, false);
    }

    /** Options of an overlay network without encryption. */
    public OverlayOptions(boolean attachable, OptionalInt vni, boolean ingress) {
        this(attachable, vni, ingress, false);
    }

    /** The same options with another VNI. */
    public OverlayOptions withVni(int value) {
        return new OverlayOptions(attachable, OptionalInt.of(value), ingress, encrypted);
    }
}
