package io.netrig.model.pcap;

import static io.netrig.model.pcap.TestFrames.arp;
import static io.netrig.model.pcap.TestFrames.ethernet;
import static io.netrig.model.pcap.TestFrames.icmpEcho;
import static io.netrig.model.pcap.TestFrames.ipv4;
import static io.netrig.model.pcap.TestFrames.tcp;
import static io.netrig.model.pcap.TestFrames.udp;
import static io.netrig.model.pcap.TestFrames.vxlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.dns.DnsMessage;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.MacAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameTest {
    private static final String A = "02:42:ac:14:00:02";
    private static final String B = "02:42:ac:14:00:03";

    @Test
    void decodesAnArpRequest() {
        Frame f = Frame.decode(ethernet("ff:ff:ff:ff:ff:ff", A, 0x0806, arp(1, A, "172.20.0.2", "00:00:00:00:00:00", "172.20.0.1")));
        assertEquals(MacAddress.BROADCAST, f.destination());
        assertEquals(MacAddress.parse(A), f.source());
        Network.Arp arp = assertInstanceOf(Network.Arp.class, f.network());
        assertTrue(arp.isRequest());
        assertEquals(Ipv4Address.parse("172.20.0.1"), arp.targetIp());
        assertEquals("02:42:ac:14:00:02 > ff:ff:ff:ff:ff:ff, ARP who-has 172.20.0.1 tell 172.20.0.2", f.summary());
    }

    @Test
    void decodesAnIcmpEchoReplyAndIgnoresEthernetPadding() {
        byte[] frame = ethernet(A, B, 0x0800, ipv4("172.20.0.3", "172.20.0.2", 1, icmpEcho(0, 7, 1)));
        byte[] padded = Arrays.copyOf(frame, frame.length + 12);
        Frame f = Frame.decode(padded);
        Network.Ipv4 ip = assertInstanceOf(Network.Ipv4.class, f.network());
        assertEquals(new Transport.Icmp(0, 0, 7, 1), ip.transport());
        assertEquals(64, ip.ttl());
        assertTrue(f.summary().endsWith("IP 172.20.0.3 > 172.20.0.2: ICMP echo reply, id 7, seq 1"), f.summary());
    }

    @Test
    void readsTheVlanIdsOfStackedTags() {
        Frame f = Frame.decode(ethernet(B, A, 0x0806, arp(1, A, "192.168.10.2", "00:00:00:00:00:00", "192.168.10.1"), 0x2064, 10));
        assertEquals(List.of(100, 10), f.vlans());   // the priority bits of the first TCI are not part of the id
        assertInstanceOf(Network.Arp.class, f.network());
        assertTrue(f.summary().contains(", vlan 100, vlan 10, ARP who-has"), f.summary());
    }

    @Test
    void decodesADnsQueryOnPort53() {
        byte[] query = DnsMessage.queryA(0x1234, "api").encode();
        Frame f = Frame.decode(ethernet(B, A, 0x0800, ipv4("172.20.0.2", "127.0.0.11", 17, udp(40000, 53, query))));
        Transport.Udp udp = assertInstanceOf(Transport.Udp.class, ((Network.Ipv4) f.network()).transport());
        Transport.UdpPayload.Dns dns = assertInstanceOf(Transport.UdpPayload.Dns.class, udp.payload());
        assertEquals("api", dns.message().name());
        assertTrue(f.summary().endsWith("172.20.0.2.40000 > 127.0.0.11.53: UDP, DNS query A api"), f.summary());
    }

    @Test
    void recognisesDnsBehindDockersDnatOnlyByAWellFormedHeader() {
        byte[] query = DnsMessage.queryA(7, "api").encode();
        Frame dns = Frame.decode(ethernet(B, A, 0x0800, ipv4("127.0.0.1", "127.0.0.11", 17, udp(40000, 41234, query))));
        assertInstanceOf(Transport.UdpPayload.Dns.class, ((Transport.Udp) ((Network.Ipv4) dns.network()).transport()).payload());
        byte[] text = "hello netrig, this is no DNS".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Frame data = Frame.decode(ethernet(B, A, 0x0800, ipv4("127.0.0.1", "127.0.0.11", 17, udp(40000, 41234, text))));
        assertEquals(new Transport.UdpPayload.Data(text.length), ((Transport.Udp) ((Network.Ipv4) data.network()).transport()).payload());
    }

    @Test
    void decodesTheFrameInsideVxlan() {
        byte[] inner = ethernet(B, A, 0x0800, ipv4("10.200.0.2", "10.200.0.3", 1, icmpEcho(8, 9, 2)));
        Frame f = Frame.decode(ethernet("0a:00:00:00:00:02", "0a:00:00:00:00:01", 0x0800,
                ipv4("10.0.0.1", "10.0.0.2", 17, udp(50000, 4789, vxlan(4096, inner)))));
        Transport.Udp udp = (Transport.Udp) ((Network.Ipv4) f.network()).transport();
        Transport.UdpPayload.Vxlan v = assertInstanceOf(Transport.UdpPayload.Vxlan.class, udp.payload());
        assertEquals(4096, v.vni());
        assertEquals(Frame.decode(inner), v.inner());
        assertEquals(Frame.decode(inner), f.vxlanInner().orElseThrow());
    }

    @Test
    void decodesTcpFlags() {
        Frame f = Frame.decode(ethernet(B, A, 0x0800, ipv4("172.20.0.2", "172.20.0.3", 6, tcp(40001, 80, 0x12))));
        Transport.Tcp tcp = assertInstanceOf(Transport.Tcp.class, ((Network.Ipv4) f.network()).transport());
        assertTrue(tcp.has(Transport.Tcp.SYN) && tcp.has(Transport.Tcp.ACK));
        assertEquals("[S.]", tcp.flagText());
    }

    @Test
    void neverThrowsOnShortOrUnknownBytes() {
        assertInstanceOf(Network.Malformed.class, Frame.decode(new byte[5]).network());
        byte[] cut = Arrays.copyOf(ethernet(B, A, 0x0800, ipv4("1.1.1.1", "2.2.2.2", 6, tcp(1, 2, 2))), 14 + 12);
        assertInstanceOf(Network.Malformed.class, Frame.decode(cut).network());
        byte[] shortTcp = Arrays.copyOf(ethernet(B, A, 0x0800, ipv4("1.1.1.1", "2.2.2.2", 6, tcp(1, 2, 2))), 14 + 20 + 6);
        assertInstanceOf(Transport.Other.class, ((Network.Ipv4) Frame.decode(shortTcp).network()).transport());
        Frame v6 = Frame.decode(ethernet(B, A, 0x86dd, new byte[40]));
        assertEquals(new Network.Other(0x86dd, 40), v6.network());
        assertTrue(v6.summary().endsWith("IPv6, length 40"));
    }
}
