package io.netrig.sim.device;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.IpvlanMode;
import io.netrig.model.topology.LinkRef;
import io.netrig.sim.core.Simulator;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * An ipvlan interface: it has its parent's MAC and no medium of its own. What it sends goes through its parent's
 * {@link IpvlanPort}; what it receives was handed over by that port, which picks the child by destination IPv4 address.
 * The port learns each child's addresses from the inetaddr notifier ({@link #addressAdded}), as ipvlan_addr4_event does.
 */
public final class IpvlanDevice extends NetDevice {
    private final IpvlanPort port;
    private final Set<Ipv4Address> addresses = new LinkedHashSet<>();

    private IpvlanDevice(Simulator sim, LinkRef ref, IpvlanPort port) {
        super(sim, ref, port.lower().mac());
        this.port = port;
    }

    /**
     * Creates the ipvlan {@code ref} on {@code parent}, as {@code ip link add link PARENT type ipvlan mode MODE}. The
     * mode belongs to the port: as ipvlan_link_new does, adding a child sets it for every child on the parent.
     */
    public static IpvlanDevice create(Simulator sim, LinkRef ref, IpvlanMode mode, NetDevice parent) {
        Objects.requireNonNull(mode, "mode");
        IpvlanPort port = parent.ipvlanPortForChildren();
        IpvlanDevice device = new IpvlanDevice(sim, ref, port);
        port.add(device, mode);
        return device;
    }

    public IpvlanMode mode() {
        return port.mode();
    }

    /** The parent (Linux's phy_dev). */
    public NetDevice parent() {
        return port.lower();
    }

    /** In l3 mode every child has IFF_NOARP: it never ARPs, and its frames carry its own (the parent's) MAC. */
    @Override
    public boolean noArp() {
        return port.mode() == IpvlanMode.L3;
    }

    boolean owns(Ipv4Address address) {
        return addresses.contains(address);
    }

    @Override
    public void addressAdded(Ipv4Address address) {
        port.claim(this, address);
        addresses.add(address);
    }

    @Override
    public void addressRemoved(Ipv4Address address) {
        addresses.remove(address);
    }

    @Override
    protected void sendOnMedium(Frame frame) {
        port.transmit(this, frame);
    }

    /** The port hands a frame to this interface. */
    void receive(Frame frame) {
        tap(Direction.IN, frame);
        deliverUp(frame);
    }

    @Override
    void detachFromLower() {
        port.remove(this);
    }
}
