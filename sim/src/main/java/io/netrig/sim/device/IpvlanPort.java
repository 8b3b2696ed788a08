package io.netrig.sim.device;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.IpvlanMode;
import io.netrig.sim.core.Simulator;
import io.netrig.sim.wire.EthernetFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ipvlan interfaces on one lower device and how frames move between them, the lower device's wire and its own
 * stack, following drivers/net/ipvlan/ipvlan_core.c. Every child has the lower device's MAC, so frames are switched by
 * IPv4 address: the destination of an IPv4 packet, the target of an ARP packet.
 * <ul>
 * <li>l2, a child sends (ipvlan_xmit_mode_l2): a frame to the shared MAC goes to the sibling owning its destination,
 *     or else up the lower device's own stack (dev_forward_skb); broadcasts go to the siblings and out on the wire;
 *     other unicast leaves on the wire.</li>
 * <li>l3, a child sends (ipvlan_xmit_mode_l3): to the sibling owning the destination, whatever its subnet, or else
 *     the packet is routed in the lower device's namespace out of the lower device (ipvlan_process_v4_outbound:
 *     that namespace's OUTPUT and POSTROUTING hooks and neighbour table, with the lower device's MAC).</li>
 * <li>a frame arrives at the lower device (ipvlan_handle_frame): in l2, a broadcast from outside goes to every child
 *     and to the lower stack; any other frame goes to the child owning its destination, or to the lower stack when no
 *     child does. In l3 every frame goes by destination, and children drop ARP (IFF_NOARP).</li>
 * </ul>
 * As with macvlan, nothing the lower device's stack sends reaches a child except back from the wire, and a child's
 * ARP for the lower device's addresses never reaches that stack, so the host and its children do not meet.
 */
public final class IpvlanPort {
    private static final int ETHERTYPE_OFFSET = 12;
    private static final int L3_OFFSET = EthernetFrame.HEADER_LENGTH;

    private final Simulator sim;
    private final NetDevice lower;
    private final List<IpvlanDevice> children = new ArrayList<>();
    private IpvlanMode mode = IpvlanMode.L2;

    IpvlanPort(Simulator sim, NetDevice lower) {
        this.sim = sim;
        this.lower = lower;
    }

    public NetDevice lower() {
        return lower;
    }

    public IpvlanMode mode() {
        return mode;
    }

    public List<IpvlanDevice> children() {
        return List.copyOf(children);
    }

    void add(IpvlanDevice child, IpvlanMode childMode) {
        children.add(child);
        mode = childMode;
    }

    void remove(IpvlanDevice child) {
        children.remove(child);
        if (children.isEmpty()) {
            lower.dropIpvlanPort();
        }
    }

    /** ipvlan_addr4_event: an address may belong to one child of a port only. */
    void claim(IpvlanDevice child, Ipv4Address address) {
        Optional<IpvlanDevice> holder = owner(address).filter(c -> c != child);
        if (holder.isPresent()) {
            throw new IllegalStateException("cannot add " + address + " to ipvlan " + child.ref() + ": " + holder.get().ref()
                    + " on the same parent " + lower.ref() + " has it (Linux: Address already in use)");
        }
    }

    /** A child sends a frame. */
    void transmit(IpvlanDevice from, Frame frame) {
        byte[] b = frame.bytes();
        MacAddress dst = MacAddress.fromBytes(b, 0);
        if (mode == IpvlanMode.L3) {
            transmitL3(from, frame);
            return;
        }
        if (dst.equals(MacAddress.fromBytes(b, 6))) {
            Optional<IpvlanDevice> sibling = l3Destination(b).flatMap(this::owner);
            if (sibling.isPresent()) {
                deliver(sibling.get(), frame, "inside the parent, not on the wire");
                return;
            }
            // not a sibling's but for the shared MAC: the lower device's own stack gets it
            sim.schedule(0, "ipvlan " + from.ref() + " -> " + lower.ref(), () -> lower.arrive(frame));
            return;
        }
        if (dst.isMulticast()) {
            for (IpvlanDevice child : children) {
                if (child != from) {
                    deliver(child, frame, "broadcast");
                }
            }
        }
        lower.transmit(frame);
    }

    private void transmitL3(IpvlanDevice from, Frame frame) {
        Optional<Ipv4Address> dst = ipv4Destination(frame.bytes());
        if (dst.isEmpty()) {
            return;  // ipvlan_get_L3_hdr found no IPv4 header
        }
        Optional<IpvlanDevice> sibling = owner(dst.get());
        if (sibling.isPresent()) {
            deliver(sibling.get(), frame, "ipvlan l3 switches by destination, not on the wire");
            return;
        }
        if (frame.trace().recording()) {
            frame.trace().step(lower.ref() + " ipvlan l3: " + from.ref() + "'s packet is routed in " + lower.ref().namespace()
                    + " out of " + lower.name());
        }
        lower.routeOut(frame);
    }

    /**
     * The lower device received {@code frame} from its wire (or a child's frame for the shared MAC). Returns whether
     * the lower device's own stack gets it (RX_HANDLER_PASS).
     */
    boolean input(Frame frame) {
        byte[] b = frame.bytes();
        MacAddress dst = MacAddress.fromBytes(b, 0);
        if (mode == IpvlanMode.L2 && dst.isMulticast()) {
            if (external(b)) {
                children.forEach(c -> deliver(c, frame, "broadcast"));
            }
            return true;
        }
        Optional<IpvlanDevice> to = l3Destination(b).flatMap(this::owner);
        if (to.isEmpty()) {
            return true;
        }
        deliver(to.get(), frame, "by destination address");
        return false;
    }

    /** ipvlan_external_frame: not sent by one of this port's children (another MAC, or a source no child owns). */
    private boolean external(byte[] b) {
        if (!MacAddress.fromBytes(b, 6).equals(lower.mac())) {
            return true;
        }
        return l3Source(b).flatMap(this::owner).isEmpty();
    }

    private void deliver(IpvlanDevice child, Frame frame, String why) {
        if (frame.trace().recording()) {
            frame.trace().step(lower.ref() + " ipvlan: to " + child.ref() + " (" + why + ")");
        }
        sim.schedule(0, "ipvlan " + lower.ref() + " -> " + child.ref(), () -> child.receive(frame));
    }

    private Optional<IpvlanDevice> owner(Ipv4Address address) {
        return children.stream().filter(c -> c.owns(address)).findFirst();
    }

    private static int etherType(byte[] b) {
        return (b[ETHERTYPE_OFFSET] & 0xff) << 8 | (b[ETHERTYPE_OFFSET + 1] & 0xff);
    }

    private static Optional<Ipv4Address> ipv4Destination(byte[] b) {
        return etherType(b) == EthernetFrame.ETHERTYPE_IPV4 && b.length >= L3_OFFSET + 20
                ? Optional.of(Ipv4Address.fromBytes(b, L3_OFFSET + 16)) : Optional.empty();
    }

    /** The address ipvlan_addr_lookup switches on: an IPv4 destination, or an ARP packet's target. */
    private static Optional<Ipv4Address> l3Destination(byte[] b) {
        if (etherType(b) == EthernetFrame.ETHERTYPE_ARP && b.length >= L3_OFFSET + 28) {
            return Optional.of(Ipv4Address.fromBytes(b, L3_OFFSET + 24));
        }
        return ipv4Destination(b);
    }

    private static Optional<Ipv4Address> l3Source(byte[] b) {
        if (etherType(b) == EthernetFrame.ETHERTYPE_ARP && b.length >= L3_OFFSET + 28) {
            return Optional.of(Ipv4Address.fromBytes(b, L3_OFFSET + 14));
        }
        return etherType(b) == EthernetFrame.ETHERTYPE_IPV4 && b.length >= L3_OFFSET + 20
                ? Optional.of(Ipv4Address.fromBytes(b, L3_OFFSET + 12)) : Optional.empty();
    }
}
