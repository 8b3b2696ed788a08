package io.netrig.sim.stack;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.IpsecAssociation;
import io.netrig.sim.core.Trace;
import io.netrig.sim.device.Frame;
import io.netrig.sim.device.VxlanDevice;
import io.netrig.sim.device.VxlanTransport;
import io.netrig.sim.wire.EthernetFrame;
import io.netrig.sim.wire.Ipv4Packet;
import io.netrig.sim.wire.TcpSegment;
import io.netrig.sim.wire.UdpDatagram;
import io.netrig.sim.wire.VxlanHeader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The VXLAN UDP socket of one namespace and port (Linux's vxlan_sock, bound to 0.0.0.0:PORT), shared by the VXLAN
 * devices whose underlay this namespace is, wherever the devices themselves live.
 * <ul>
 * <li>send (vxlan_xmit_one): the outer packet is IPv4 from the device's {@code local} address, else the source the
 *     underlay's route to the remote picks; TTL 64 (ip4_dst_hoplimit), DF clear, a UDP source port hashed from the
 *     inner flow into the local port range (udp_flow_src_port), the VXLAN header and the inner frame. It leaves through
 *     this namespace's OUTPUT and POSTROUTING hooks and neighbour table (iptunnel_xmit → ip_local_out), so the host's
 *     firewall sees it. An outer packet larger than the MTU of the underlay device is dropped: Linux would fragment
 *     it (DF is clear), but netrig models no IP fragmentation or reassembly, so it says so in the trace instead.</li>
 * <li>receive: what reaches the socket has passed PREROUTING and INPUT; the VNI picks the device, and a packet for
 *     a VNI no device has is dropped (vxlan_vs_find_vni).</li>
 * </ul>
 */
public final class VxlanSocket implements VxlanTransport, UdpHandler {
    /** The default net.ipv4.ip_local_port_range, which udp_flow_src_port falls back to. */
    static final int SOURCE_PORT_MIN = 32768;
    static final int SOURCE_PORT_MAX = 60999;
    /** Outer IPv4, UDP and VXLAN headers around the inner frame. */
    private static final int ENCAP_IP_OVERHEAD = Ipv4Packet.HEADER_LENGTH + UdpDatagram.HEADER_LENGTH + VxlanHeader.LENGTH;

    private final IpStack stack;
    private final int port;
    private final UdpSocket socket;
    private final Map<Integer, VxlanDevice> byVni = new LinkedHashMap<>();

    VxlanSocket(IpStack stack, int port) {
        this.stack = stack;
        this.port = port;
        this.socket = stack.udp().bind(Ipv4Address.ANY, port, this);
    }

    public int port() {
        return port;
    }

    @Override
    public void add(VxlanDevice device) {
        VxlanDevice other = byVni.get(device.vni());
        if (other != null && other != device) {
            throw new IllegalStateException("cannot create vxlan " + device.ref() + ": " + other.ref() + " already has VNI "
                    + device.vni() + " on udp port " + port + " of " + stack.namespace() + " (Linux: A VXLAN device with the specified VNI already exists)");
        }
        byVni.put(device.vni(), device);
    }

    @Override
    public void remove(VxlanDevice device) {
        if (byVni.remove(device.vni(), device) && byVni.isEmpty()) {
            socket.close();
            stack.vxlanSocketClosed(this);
        }
    }

    @Override
    public void send(VxlanDevice from, Ipv4Address remote, Frame inner) {
        Trace trace = inner.trace();
        Optional<RouteEntry> route = stack.outputRoute(remote);
        Optional<Ipv4Address> src = from.local().or(() -> stack.sourceFor(remote));
        if (route.isEmpty() || src.isEmpty()) {
            if (trace.recording()) {
                trace.step(stack.namespace() + ": no route to VTEP " + remote + " for " + from.ref() + ", dropped");
            }
            return;
        }
        byte[] frame = inner.bytes();
        Optional<IpsecAssociation> secured = stack.esp().outbound(src.get(), remote, from.vni());
        int outerLength = ENCAP_IP_OVERHEAD + frame.length
                + secured.map(a -> EspTransform.expansion(UdpDatagram.HEADER_LENGTH + VxlanHeader.LENGTH + frame.length)).orElse(0);
        int underlayMtu = route.get().device().mtu();
        if (outerLength > underlayMtu) {
            if (trace.recording()) {
                trace.step(stack.namespace() + ": VXLAN packet of " + outerLength + " bytes from " + from.ref() + " to " + remote
                        + " exceeds the MTU " + underlayMtu + " of " + route.get().device().name()
                        + "; dropped (Linux would fragment it, DF is clear; netrig models no IP fragmentation)");
            }
            return;
        }
        UdpDatagram udp = new UdpDatagram(sourcePort(frame), port, new VxlanHeader(from.vni()).encapsulate(frame));
        Ipv4Packet outer = new Ipv4Packet(src.get(), remote, IpStack.DEFAULT_TTL, stack.nextIdentification(), false, udp);
        if (trace.recording()) {
            trace.step(from.ref() + " encapsulates in VXLAN VNI " + from.vni() + ", sent from " + stack.namespace() + ": " + outer.summary());
        }
        if (secured.isPresent()) {
            // xfrm_output: the encrypted network's VXLAN leaves inside ESP (transport mode, same addresses)
            outer = stack.esp().protect(secured.get(), outer);
            if (trace.recording()) {
                trace.step(stack.namespace() + " encrypts it in ESP, SPI 0x" + Long.toHexString(secured.get().spiOut()) + ": " + outer.summary());
            }
        }
        stack.send(outer, trace);
    }

    @Override
    public void received(UdpSocket on, Ipv4Address from, int fromPort, byte[] data, Trace trace) {
        Optional<VxlanHeader> header = VxlanHeader.decode(data);
        if (header.isEmpty()) {
            if (trace.recording()) {
                trace.step(stack.namespace() + ": udp port " + port + " got no valid VXLAN header from " + from + ", dropped");
            }
            return;
        }
        if (!stack.deliveringDecrypted() && stack.esp().requiresEsp(from, header.get().vni())) {
            if (trace.recording()) {
                trace.step(stack.namespace() + ": VXLAN for encrypted VNI " + header.get().vni() + " from " + from
                        + " arrived without ESP, dropped (Docker's -m policy --dir in --pol none -j DROP)");
            }
            return;
        }
        VxlanDevice device = byVni.get(header.get().vni());
        if (device == null) {
            if (trace.recording()) {
                trace.step(stack.namespace() + ": VXLAN packet from " + from + " for VNI " + header.get().vni()
                        + ", which no device on udp port " + port + " has, dropped");
            }
            return;
        }
        if (trace.recording()) {
            trace.step(device.ref() + " decapsulates VNI " + header.get().vni() + " from VTEP " + from);
        }
        device.receive(new Frame(VxlanHeader.inner(data), trace), from);
    }

    /**
     * udp_flow_src_port: a hash of the inner flow (addresses, protocol and TCP/UDP ports of IPv4, else the Ethernet
     * addresses and type) scaled into the local port range, so one flow always takes one port and flows spread over
     * ECMP paths. Linux seeds its flow hash randomly at boot; netrig's seed is fixed, so a flow's port is the same in
     * every run.
     */
    static int sourcePort(byte[] inner) {
        int h = 0x6e657472;  // "netr"
        int type = (inner[12] & 0xff) << 8 | (inner[13] & 0xff);
        int l3 = EthernetFrame.HEADER_LENGTH;
        if (type == EthernetFrame.ETHERTYPE_IPV4 && inner.length >= l3 + Ipv4Packet.HEADER_LENGTH) {
            int protocol = inner[l3 + 9] & 0xff;
            h = mix(h, word(inner, l3 + 12));
            h = mix(h, word(inner, l3 + 16));
            h = mix(h, protocol);
            int l4 = l3 + (inner[l3] & 0x0f) * 4;
            if ((protocol == TcpSegment.PROTOCOL || protocol == UdpDatagram.PROTOCOL) && inner.length >= l4 + 4) {
                h = mix(h, word(inner, l4));
            }
        } else {
            h = mix(h, word(inner, 0));
            h = mix(h, word(inner, 4));
            h = mix(h, word(inner, 8));
            h = mix(h, type);
        }
        h = finish(h);
        h ^= h << 16;
        return (int) ((Integer.toUnsignedLong(h) * (SOURCE_PORT_MAX - SOURCE_PORT_MIN)) >>> 32) + SOURCE_PORT_MIN;
    }

    private static int word(byte[] b, int offset) {
        return (b[offset] & 0xff) << 24 | (b[offset + 1] & 0xff) << 16 | (b[offset + 2] & 0xff) << 8 | (b[offset + 3] & 0xff);
    }

    /** One round of MurmurHash3's 32-bit body. */
    private static int mix(int h, int k) {
        k *= 0xcc9e2d51;
        k = Integer.rotateLeft(k, 15);
        k *= 0x1b873593;
        h ^= k;
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }

    /** MurmurHash3's finaliser. */
    private static int finish(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ h >>> 16;
    }

    @Override
    public String toString() {
        return "vxlan socket " + stack.namespace() + " udp " + port;
    }
}
