package io.netrig.model.topology;

import java.util.Locale;
import java.util.Optional;

/** How an ipvlan interface shares its parent: at layer 2 (ARP and broadcast pass) or layer 3 (routed, no ARP). */
public enum IpvlanMode {
    /** Children share the parent's MAC; frames are switched to a child by destination IP; ARP and broadcasts pass. */
    L2,
    /**
     * The parent routes for its children: no ARP or broadcast on the child, every packet leaves through the parent's
     * routing (the child's default route is {@code dev eth0}), and children on one parent reach each other whatever
     * their subnets.
     */
    L3;

    public String ipName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IpvlanMode> tryParse(String text) {
        for (IpvlanMode m : values()) {
            if (m.ipName().equals(text)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
