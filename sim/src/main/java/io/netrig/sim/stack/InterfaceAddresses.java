package io.netrig.sim.stack;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.sim.netfilter.LocalAddresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The addresses of one namespace's interfaces, in the order they were added (the first on a device is primary). */
public final class InterfaceAddresses implements LocalAddresses {
    private record Assigned(String device, Ipv4Interface address) {
    }

    private final List<Assigned> assigned = new ArrayList<>();

    void add(String device, Ipv4Interface address) {
        assigned.add(new Assigned(device, address));
    }

    /** Local as Linux's local table says: every assigned address, and all of 127/8 (lo's local route). */
    @Override
    public boolean isLocal(Ipv4Address address) {
        return address.isLoopback() || assigned.stream().anyMatch(a -> a.address().address().equals(address));
    }

    @Override
    public boolean isBroadcast(Ipv4Address address) {
        return address.equals(Ipv4Address.BROADCAST) || assigned.stream()
                .anyMatch(a -> a.address().length() < 31 && a.address().prefix().broadcast().equals(address));
    }

    /**
     * Whether {@code address} is not a unicast one: multicast (224/4, and 240/4 above it) or a broadcast. TCP never
     * takes or answers such packets, and nothing answers them with an ICMP error or a RST.
     */
    boolean isBroadcastOrMulticast(Ipv4Address address) {
        return address.octet(0) >= 224 || isBroadcast(address);
    }

    /** The address on {@code device} whose subnet holds {@code destination}, else the device's primary address. */
    @Override
    public Optional<Ipv4Address> sourceFor(String device, Ipv4Address destination) {
        List<Ipv4Interface> on = assigned.stream().filter(a -> a.device().equals(device)).map(Assigned::address).toList();
        return on.stream().filter(a -> a.prefix().contains(destination)).findFirst().or(() -> on.stream().findFirst())
                .map(Ipv4Interface::address);
    }

    /** Any non-loopback address of the namespace, for when the outgoing device has none. */
    Optional<Ipv4Address> anyAddress() {
        return assigned.stream().map(a -> a.address().address()).filter(a -> !a.isLoopback()).findFirst();
    }
}
