package io.netrig.sim.device;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.LinkRef;
import io.netrig.sim.core.Simulator;
import io.netrig.sim.wire.Dot1q;
import io.netrig.sim.wire.EthernetFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A network interface of a namespace. Upper layers call {@link #transmit}; frames from the medium come in through
 * {@link #arrive}: a frame tagged with the id of a VLAN device on top goes to that device untagged (vlan_do_receive
 * runs before the rx_handler), else the frame goes to the bridge the device is a port of, or the macvlan or ipvlan
 * port on top of it (like Linux's rx_handler, of which a device has at most one), or else up to the stack.
 */
public abstract sealed class NetDevice permits VethEnd, BridgeDevice, LoopbackDevice, MacvlanDevice, IpvlanDevice,
        VlanDevice, DummyDevice, VxlanDevice {
    /** Ethernet's MTU, which every interface but lo starts with. */
    public static final int DEFAULT_MTU = 1500;

    protected final Simulator sim;
    private final LinkRef ref;
    private final MacAddress mac;
    private final List<FrameTap> taps = new ArrayList<>();
    private FrameSink upper = (device, frame) -> { };
    private Optional<PortMembership> membership = Optional.empty();
    private Optional<MacvlanPort> macvlanPort = Optional.empty();
    private Optional<IpvlanPort> ipvlanPort = Optional.empty();
    private final Map<Integer, VlanDevice> vlans = new HashMap<>();
    private int mtu = DEFAULT_MTU;

    protected NetDevice(Simulator sim, LinkRef ref, MacAddress mac) {
        this.sim = Objects.requireNonNull(sim, "sim");
        this.ref = Objects.requireNonNull(ref, "ref");
        this.mac = Objects.requireNonNull(mac, "mac");
    }

    public LinkRef ref() {
        return ref;
    }

    public String name() {
        return ref.name().value();
    }

    public MacAddress mac() {
        return mac;
    }

    /** The interface's MTU: the largest IPv4 packet (Ethernet payload) it sends. */
    public int mtu() {
        return mtu;
    }

    /** {@code ip link set DEV mtu N}, as the topology gives it when the device is created. */
    public void setMtu(int value) {
        if (value < 68 || value > 65536) {
            throw new IllegalArgumentException("MTU of " + ref + " must be 68-65536, got " + value);
        }
        mtu = value;
    }

    /** Where received frames go when the device is not a bridge port. */
    public void attachUpper(FrameSink sink) {
        this.upper = Objects.requireNonNull(sink, "sink");
    }

    public Optional<PortMembership> membership() {
        return membership;
    }

    void enslave(PortMembership value) {
        this.membership = Optional.of(value);
    }

    void release() {
        this.membership = Optional.empty();
    }

    /**
     * Whether the device has IFF_NOARP: its neighbours need no resolution, frames to them carry the device's own MAC
     * as destination, and it answers no ARP request (a dummy, an ipvlan in l3 mode).
     */
    public boolean noArp() {
        return false;
    }

    /** The inetaddr notifier: the namespace gave this device {@code address} (ipvlan learns its children's here). */
    public void addressAdded(Ipv4Address address) {
    }

    /** The inetaddr notifier: the namespace took {@code address} from this device. */
    public void addressRemoved(Ipv4Address address) {
    }

    /**
     * The device is deleted ({@code ip link del}): it leaves the bridge it is a port of and the devices stacked on it
     * or under it forget it. Frames already scheduled towards it are still delivered to it and go nowhere.
     */
    public void detach() {
        membership.ifPresent(m -> m.bridge().removePort(this));
        membership = Optional.empty();
        attachUpper((device, frame) -> { });
        detachFromLower();
    }

    /** What a stacked device (macvlan, ipvlan, vlan, veth peer) undoes on deletion. */
    void detachFromLower() {
    }

    /** Hands a frame of an ipvlan l3 child to this (lower) device's namespace to be routed out of this device. */
    void routeOut(Frame frame) {
        upper.routeOut(this, frame);
    }

    /** The macvlan port when macvlan interfaces sit on top of this one (it is their lower device). */
    public Optional<MacvlanPort> macvlanPort() {
        return macvlanPort;
    }

    /** The ipvlan port when ipvlan interfaces sit on top of this one. */
    public Optional<IpvlanPort> ipvlanPort() {
        return ipvlanPort;
    }

    void dropIpvlanPort() {
        ipvlanPort = Optional.empty();
    }

    void dropMacvlanPort() {
        macvlanPort = Optional.empty();
    }

    /** The port for ipvlans on this device, created with the first of them (ipvlan_port_create). */
    IpvlanPort ipvlanPortForChildren() {
        rxHandlerFree("an ipvlan", macvlanPort.isPresent());
        if (ipvlanPort.isEmpty()) {
            ipvlanPort = Optional.of(new IpvlanPort(sim, this));
        }
        return ipvlanPort.get();
    }

    void addVlan(VlanDevice vlan) {
        if (vlans.containsKey(vlan.vlanId())) {
            throw new IllegalStateException("cannot add VLAN " + vlan.ref() + " on " + ref + ": " + vlans.get(vlan.vlanId()).ref()
                    + " already has VLAN id " + vlan.vlanId() + " (Linux: File exists)");
        }
        vlans.put(vlan.vlanId(), vlan);
    }

    void removeVlan(VlanDevice vlan) {
        vlans.remove(vlan.vlanId(), vlan);
    }

    private void rxHandlerFree(String what, boolean otherKindPresent) {
        if (membership.isPresent()) {
            // netdev_rx_handler_register: the bridge already holds the rx_handler
            throw new IllegalStateException("cannot put " + what + " on " + ref + ": it is a port of "
                    + membership.get().bridge().ref() + " (Linux: Device or resource busy)");
        }
        if (otherKindPresent) {
            throw new IllegalStateException("cannot put " + what + " on " + ref
                    + ": macvlan or ipvlan interfaces already use it (Linux: Device or resource busy)");
        }
    }

    /** The port for macvlans on this device, created with the first of them as Linux's macvlan_port_create does. */
    MacvlanPort macvlanPortForChildren() {
        rxHandlerFree("a macvlan", ipvlanPort.isPresent());
        if (macvlanPort.isEmpty()) {
            macvlanPort = Optional.of(new MacvlanPort(sim, this));
        }
        return macvlanPort.get();
    }

    public void addTap(FrameTap tap) {
        taps.add(tap);
    }

    public void removeTap(FrameTap tap) {
        taps.remove(tap);
    }

    protected boolean tapped() {
        return !taps.isEmpty();
    }

    /** Sends a frame out of this interface. */
    public final void transmit(Frame frame) {
        tap(Direction.OUT, frame);
        if (frame.trace().recording()) {
            frame.trace().step(ref + " out: " + EthernetFrame.decode(frame.bytes()).summary());
        }
        sendOnMedium(frame);
    }

    /** A frame reaches this interface from its medium (the veth peer, the loopback). */
    protected void arrive(Frame frame) {
        tap(Direction.IN, frame);
        if (Dot1q.tagged(frame.bytes())) {
            VlanDevice vlan = vlans.get(Dot1q.vid(frame.bytes()));
            if (vlan != null) {
                vlan.receive(new Frame(Dot1q.untag(frame.bytes()), frame.trace()));
                return;
            }
        }
        if (membership.isPresent()) {
            membership.get().bridge().input(this, frame);
        } else if (macvlanPort.isPresent()) {
            if (macvlanPort.get().input(frame)) {
                deliverUp(frame);
            }
        } else if (ipvlanPort.isPresent()) {
            if (ipvlanPort.get().input(frame)) {
                deliverUp(frame);
            }
        } else {
            deliverUp(frame);
        }
    }

    protected final void deliverUp(Frame frame) {
        upper.receive(this, frame);
    }

    protected final void tap(Direction direction, Frame frame) {
        for (FrameTap tap : List.copyOf(taps)) {
            tap.onFrame(this, direction, sim.now(), frame.bytes());
        }
    }

    protected abstract void sendOnMedium(Frame frame);

    @Override
    public String toString() {
        return ref.toString();
    }
}
