package io.netrig.sim.device;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.MacAddress;
import java.util.Optional;

/** A namespace's neighbour table as a device reads it: the MAC of a resolved (NUD_CONNECTED) neighbour on a device. */
@FunctionalInterface
public interface NeighbourLookup {
    Optional<MacAddress> resolved(NetDevice device, Ipv4Address address);
}
