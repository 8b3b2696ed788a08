package io.netrig.sim.device;

import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.LinkRef;
import io.netrig.sim.core.Simulator;
import io.netrig.sim.wire.Dot1q;
import java.util.Objects;

/**
 * An 802.1Q VLAN device ({@code ip link add link eth0 name eth0.10 type vlan id 10}): what it sends leaves its parent
 * with a tag for its id (vlan_dev_hard_start_xmit); tagged frames with its id that reach the parent come to it
 * untagged, before the parent's bridge or macvlan handler sees them. Frames for ids without a VLAN device stay with
 * the parent, whose own stack ignores them. Without a configured MAC it takes its parent's, as Linux does.
 */
public final class VlanDevice extends NetDevice {
    private final NetDevice parent;
    private final int vlanId;

    private VlanDevice(Simulator sim, LinkRef ref, MacAddress mac, NetDevice parent, int vlanId) {
        super(sim, ref, mac);
        this.parent = parent;
        this.vlanId = vlanId;
    }

    /** Creates the VLAN {@code ref} with id {@code vlanId} on {@code parent}; {@code mac} defaults to the parent's. */
    public static VlanDevice create(Simulator sim, LinkRef ref, java.util.Optional<MacAddress> mac, NetDevice parent, int vlanId) {
        Objects.requireNonNull(parent, "parent");
        VlanDevice device = new VlanDevice(sim, ref, mac.orElse(parent.mac()), parent, vlanId);
        parent.addVlan(device);
        return device;
    }

    public int vlanId() {
        return vlanId;
    }

    public NetDevice parent() {
        return parent;
    }

    @Override
    protected void sendOnMedium(Frame frame) {
        parent.transmit(new Frame(Dot1q.tag(frame.bytes(), vlanId), frame.trace()));
    }

    /** The parent received a frame tagged with this device's id; here it is without the tag. */
    void receive(Frame untagged) {
        if (untagged.trace().recording()) {
            untagged.trace().step(parent.ref() + ": 802.1Q VLAN " + vlanId + " -> " + ref());
        }
        arrive(untagged);
    }

    @Override
    void detachFromLower() {
        parent.removeVlan(this);
    }
}
