package io.netrig.model.topology;

import java.util.List;

/** A kernel link kind. Closed on purpose: adding a kind must break every backend at compile time. */
public sealed interface Link permits Veth, Bridge, Macvlan, Ipvlan, Vlan, Dummy {
    /** The interfaces this link creates (one for most kinds, two for a veth pair). */
    List<Iface> ifaces();

    Provenance provenance();
}
