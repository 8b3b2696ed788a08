package io.netrig.model.pcap;

import io.netrig.model.net.MacAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A decoded Ethernet frame: addresses, the 802.1Q (or 802.1ad) VLAN IDs of its tags, outermost first, and what it
 * carries. Decoding never fails: what cannot be read is {@link Network.Malformed} or {@link Network.Other}.
 */
public record Frame(MacAddress destination, MacAddress source, List<Integer> vlans, int etherType, Network network) {
    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int ETHERTYPE_8021Q = 0x8100;
    public static final int ETHERTYPE_8021AD = 0x88a8;
    private static final int HEADER = 14;

    public Frame {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(network, "network");
        vlans = List.copyOf(vlans);
    }

    public static Frame decode(byte[] bytes) {
        if (bytes.length < HEADER) {
            return new Frame(MacAddress.ZERO, MacAddress.ZERO, List.of(), 0,
                    new Network.Malformed("runt frame of " + bytes.length + " bytes"));
        }
        Bytes b = new Bytes(bytes, 0, bytes.length);
        MacAddress dst = MacAddress.fromBytes(bytes, 0);
        MacAddress src = MacAddress.fromBytes(bytes, 6);
        int type = b.u16(12);
        int at = HEADER;
        List<Integer> vlans = new ArrayList<>();
        while ((type == ETHERTYPE_8021Q || type == ETHERTYPE_8021AD) && b.has(at, 4)) {
            vlans.add(b.u16(at) & 0x0fff);
            type = b.u16(at + 2);
            at += 4;
        }
        Bytes payload = b.from(at);
        Network network = switch (type) {
            case ETHERTYPE_IPV4 -> Network.Ipv4.decode(payload);
            case ETHERTYPE_ARP -> Network.Arp.decode(payload);
            default -> new Network.Other(type, payload.length());
        };
        return new Frame(dst, src, vlans, type, network);
    }

    /** The frame carried in a VXLAN datagram of this frame, if any. */
    public java.util.Optional<Frame> vxlanInner() {
        if (network instanceof Network.Ipv4 ip && ip.transport() instanceof Transport.Udp udp
                && udp.payload() instanceof Transport.UdpPayload.Vxlan(int vni, Frame inner)) {
            return java.util.Optional.of(inner);
        }
        return java.util.Optional.empty();
    }

    /** One line, in the manner of {@code tcpdump -e -n}. */
    public String summary() {
        String tags = vlans.isEmpty() ? "" : vlans.stream().map(v -> "vlan " + v).collect(Collectors.joining(", ", ", ", ""));
        return source + " > " + destination + tags + ", " + network.summary();
    }
}
