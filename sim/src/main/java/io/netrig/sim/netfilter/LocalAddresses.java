package io.netrig.sim.netfilter;

import io.netrig.model.net.Ipv4Address;
import java.util.Optional;

/** What netfilter needs to know about its namespace's addresses (addrtype, MASQUERADE). */
public interface LocalAddresses {
    boolean isLocal(Ipv4Address address);

    boolean isBroadcast(Ipv4Address address);

    /** The address MASQUERADE uses on {@code device} towards {@code destination}, as Linux's inet_select_addr. */
    Optional<Ipv4Address> sourceFor(String device, Ipv4Address destination);

    /** The first (primary) address of {@code device}, which REDIRECT rewrites to. */
    Optional<Ipv4Address> primaryOf(String device);
}
