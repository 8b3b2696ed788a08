package io.netrig.sim.device;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.FdbEntry;
import io.netrig.model.topology.LinkRef;
import io.netrig.sim.core.Simulator;
import io.netrig.sim.wire.ArpPacket;
import io.netrig.sim.wire.EthernetFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A VXLAN interface, following drivers/net/vxlan/vxlan_core.c. It lives in one namespace (often as a bridge port)
 * while its UDP socket ({@link VxlanTransport}) lives in the underlay namespace.
 * <ul>
 * <li>transmit (vxlan_xmit): with {@code proxy}, every ARP frame is consumed by arp_reduce, which answers a request
 *     from a resolved neighbour entry on this device and drops the rest, so no ARP is encapsulated. Other frames go
 *     to the remotes of the FDB entry of their destination MAC (static entries, else learnt ones younger than the
 *     ageing time), else to those of the all-zeros entry (head-end replication of broadcasts and unknown unicast),
 *     else they are dropped. A frame larger than the device's MTU is not sent (is_skb_forwardable).</li>
 * <li>receive (vxlan_rcv): the socket hands over frames with this device's VNI; a frame with this device's own
 *     source MAC is a loop and dropped; with {@code learning} the inner source MAC is learnt to the outer source
 *     address (static entries are never overwritten); the frame then enters as if it arrived on the device.</li>
 * </ul>
 */
public final class VxlanDevice extends NetDevice {
    /** FDB_AGE_DEFAULT: learnt entries expire after 300 s without a packet from that MAC. */
    public static final long AGEING_NANOS = 300_000_000_000L;

    private final int vni;
    private final Optional<Ipv4Address> local;
    private final boolean learning;
    private final boolean proxy;
    private final VxlanTransport transport;
    private final NeighbourLookup neighbours;
    private final Map<MacAddress, List<Ipv4Address>> staticFdb = new LinkedHashMap<>();
    private final Map<MacAddress, Learnt> learnt = new HashMap<>();

    private record Learnt(Ipv4Address remote, long updatedAt) {
    }

    /** The device's configuration as {@code ip link add … type vxlan} gives it. */
    public record Config(int vni, Optional<Ipv4Address> local, boolean learning, boolean proxy) {
        public Config {
            Objects.requireNonNull(local, "local");
        }
    }

    private VxlanDevice(Simulator sim, LinkRef ref, MacAddress mac, Config config, VxlanTransport transport, NeighbourLookup neighbours) {
        super(sim, ref, mac);
        this.vni = config.vni();
        this.local = config.local();
        this.learning = config.learning();
        this.proxy = config.proxy();
        this.transport = Objects.requireNonNull(transport, "transport");
        this.neighbours = Objects.requireNonNull(neighbours, "neighbours");
    }

    /** Creates the device and adds it to its underlay socket, which refuses a VNI already taken there (EEXIST). */
    public static VxlanDevice create(Simulator sim, LinkRef ref, MacAddress mac, Config config, VxlanTransport socket,
                                     NeighbourLookup neighbours) {
        VxlanDevice device = new VxlanDevice(sim, ref, mac, config, socket, neighbours);
        socket.add(device);
        return device;
    }

    public int vni() {
        return vni;
    }

    /** The {@code local} address outer packets carry as source; empty: the underlay's route to the remote picks it. */
    public Optional<Ipv4Address> local() {
        return local;
    }

    /** Replaces the static entries ({@code bridge fdb append … self permanent}); they win over learnt ones. */
    public void setStaticFdb(List<FdbEntry> entries) {
        staticFdb.clear();
        for (FdbEntry e : entries) {
            List<Ipv4Address> remotes = staticFdb.computeIfAbsent(e.mac(), m -> new ArrayList<>());
            if (!remotes.contains(e.remote())) {
                remotes.add(e.remote());
            }
        }
        learnt.keySet().removeIf(staticFdb::containsKey);
    }

    /** The VTEPs frames for {@code mac} go to now (static, else fresh learnt), empty when it has no entry. */
    public List<Ipv4Address> remotesOf(MacAddress mac) {
        List<Ipv4Address> fixed = staticFdb.get(mac);
        if (fixed != null) {
            return List.copyOf(fixed);
        }
        Learnt l = learnt.get(mac);
        return l != null && sim.now() - l.updatedAt() < AGEING_NANOS ? List.of(l.remote()) : List.of();
    }

    @Override
    protected void sendOnMedium(Frame frame) {
        byte[] b = frame.bytes();
        if (proxy && etherType(b) == EthernetFrame.ETHERTYPE_ARP) {
            arpReduce(frame);
            return;
        }
        if (b.length - EthernetFrame.HEADER_LENGTH > mtu()) {
            if (frame.trace().recording()) {
                frame.trace().step(ref() + ": frame of " + (b.length - EthernetFrame.HEADER_LENGTH) + " bytes exceeds the vxlan MTU "
                        + mtu() + ", dropped");
            }
            return;
        }
        MacAddress dst = MacAddress.fromBytes(b, 0);
        List<Ipv4Address> remotes = remotesOf(dst);
        if (remotes.isEmpty()) {
            remotes = remotesOf(MacAddress.ZERO);
        }
        remotes = remotes.stream().filter(r -> !r.equals(Ipv4Address.ANY)).toList();
        if (remotes.isEmpty()) {
            if (frame.trace().recording()) {
                frame.trace().step(ref() + ": no FDB entry for " + dst + " and no default (00:00:00:00:00:00) entry, dropped");
            }
            return;
        }
        for (Ipv4Address remote : remotes) {
            transport.send(this, remote, frame);
        }
    }

    /**
     * arp_reduce: a request for an address with a resolved neighbour entry on this device is answered here, from that
     * entry's MAC, as if the reply had arrived on the device; everything else is dropped (with l3miss Linux would
     * notify user space, which nothing in a lab answers).
     */
    private void arpReduce(Frame frame) {
        ArpPacket arp;
        try {
            arp = ArpPacket.decode(Arrays.copyOfRange(frame.bytes(), EthernetFrame.HEADER_LENGTH, frame.bytes().length));
        } catch (IllegalArgumentException e) {
            return;  // a truncated ARP frame: arp_reduce drops what it cannot parse
        }
        if (!arp.isRequest() || arp.targetIp().isLoopback() || (arp.targetIp().octet(0) & 0xf0) == 0xe0) {
            return;
        }
        Optional<MacAddress> answer = neighbours.resolved(this, arp.targetIp());
        boolean bridgeLocal = answer.map(staticFdb::get).filter(r -> r.contains(Ipv4Address.ANY)).isPresent();
        if (answer.isEmpty() || bridgeLocal) {
            if (frame.trace().recording()) {
                frame.trace().step(ref() + " proxy: no neighbour entry for " + arp.targetIp() + " on " + name()
                        + ", ARP request dropped (l3miss)");
            }
            return;
        }
        ArpPacket reply = arp.replyFrom(answer.get());
        Frame replyFrame = new Frame(new EthernetFrame(arp.senderMac(), answer.get(), reply).encode(), frame.trace());
        if (frame.trace().recording()) {
            frame.trace().step(ref() + " proxy: answers " + reply.summary() + " from its neighbour table");
        }
        sim.schedule(0, "vxlan proxy arp " + ref(), () -> arrive(replyFrame));  // netif_rx: the backlog, not a nested call
    }

    /** vxlan_rcv: the socket found this device by VNI for a packet from the VTEP {@code outerSource}. */
    public void receive(Frame inner, Ipv4Address outerSource) {
        MacAddress src = MacAddress.fromBytes(inner.bytes(), 6);
        if (src.equals(mac())) {
            return;  // our own frame came back: a loop
        }
        if (learning && !src.isMulticast() && !staticFdb.containsKey(src)) {
            learnt.put(src, new Learnt(outerSource, sim.now()));
        }
        arrive(inner);
    }

    @Override
    void detachFromLower() {
        transport.remove(this);
    }

    private static int etherType(byte[] b) {
        return (b[12] & 0xff) << 8 | (b[13] & 0xff);
    }
}
