package io.netrig.model.topology;

import java.util.List;
import java.util.Optional;

/** A kernel link kind. Closed on purpose: adding a kind must break every backend at compile time. */
public sealed interface Link permits Veth, Bridge, Macvlan, Ipvlan, Vlan, Dummy, Vxlan {
    /** The interfaces this link creates (one for most kinds, two for a veth pair). */
    List<Iface> ifaces();

    Provenance provenance();

    /** The link this one is stacked on (a macvlan's, ipvlan's or vlan's parent), if any: it must exist first. */
    default Optional<LinkRef> stackedOn() {
        return switch (this) {
            case Macvlan m -> Optional.of(m.parent());
            case Ipvlan i -> Optional.of(i.parent());
            case Vlan v -> Optional.of(v.parent());
            case Veth v -> Optional.empty();
            case Bridge b -> Optional.empty();
            case Dummy d -> Optional.empty();
            case Vxlan x -> Optional.empty();
        };
    }
}
