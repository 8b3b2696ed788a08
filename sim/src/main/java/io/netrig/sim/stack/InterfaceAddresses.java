package io.netrig.sim.stack;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.sim.netfilter.LocalAddresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The addresses of one namespace's interfaces, in the order they were added, and the namespace's devices in creation
 * (ifindex) order. An address is primary unless an earlier one on the same device has the same subnet, in which case
 * it is secondary (IFA_F_SECONDARY) and never chosen as a source.
 */
public final class InterfaceAddresses implements LocalAddresses {
    private record Assigned(String device, Ipv4Interface address) {
    }

    private final List<Assigned> assigned = new ArrayList<>();
    private final List<String> devices = new ArrayList<>();

    void add(String device, Ipv4Interface address) {
        assigned.add(new Assigned(device, address));
    }

    /** Removes {@code address} from {@code device}; whether it was there. */
    boolean remove(String device, Ipv4Interface address) {
        return assigned.remove(new Assigned(device, address));
    }

    void deviceAdded(String device) {
        devices.remove(device);
        devices.add(device);
    }

    /** The device is gone, and its addresses with it; returns those addresses. */
    List<Ipv4Interface> deviceRemoved(String device) {
        devices.remove(device);
        List<Ipv4Interface> gone = on(device);
        assigned.removeIf(a -> a.device().equals(device));
        return gone;
    }

    /** The addresses of {@code device}, in the order they were added. */
    List<Ipv4Interface> on(String device) {
        return assigned.stream().filter(a -> a.device().equals(device)).map(Assigned::address).toList();
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

    /**
     * Linux's inet_select_addr(device, near, scope universe): on {@code device}, the first primary address whose subnet
     * holds {@code near} ({@link Ipv4Address#ANY}: any subnet), else the device's first primary address; else the first
     * primary address of another device, in device order, that is not a loopback one (scope host).
     */
    @Override
    public Optional<Ipv4Address> sourceFor(String device, Ipv4Address near) {
        return selectOn(device, near).or(() -> devices.stream().filter(d -> !d.equals(device))
                .flatMap(d -> selectOn(d, Ipv4Address.ANY).stream()).findFirst());
    }

    @Override
    public Optional<Ipv4Address> primaryOf(String device) {
        return primariesOn(device).stream().findFirst().map(Ipv4Interface::address);
    }

    private Optional<Ipv4Address> selectOn(String device, Ipv4Address near) {
        List<Ipv4Interface> primaries = primariesOn(device);
        return primaries.stream().filter(a -> near.equals(Ipv4Address.ANY) || a.prefix().contains(near)).findFirst()
                .or(() -> primaries.stream().findFirst()).map(Ipv4Interface::address);
    }

    private List<Ipv4Interface> primariesOn(String device) {
        List<Ipv4Interface> out = new ArrayList<>();
        for (Ipv4Interface a : on(device)) {
            boolean secondary = out.stream().anyMatch(p -> p.prefix().equals(a.prefix()));
            if (!secondary && !a.address().isLoopback()) {
                out.add(a);
            }
        }
        return out;
    }
}
