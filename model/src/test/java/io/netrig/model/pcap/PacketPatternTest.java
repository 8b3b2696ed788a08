package io.netrig.model.pcap;

import static io.netrig.model.pcap.TestFrames.arp;
import static io.netrig.model.pcap.TestFrames.ethernet;
import static io.netrig.model.pcap.TestFrames.icmpEcho;
import static io.netrig.model.pcap.TestFrames.ipv4;
import static io.netrig.model.pcap.TestFrames.tcp;
import static io.netrig.model.pcap.TestFrames.udp;
import static io.netrig.model.pcap.TestFrames.vxlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.NetrigException;
import io.netrig.model.dns.DnsMessage;
import io.netrig.model.net.Ipv4Address;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PacketPatternTest {
    private static final String WEB_MAC = "02:42:ac:14:00:02";
    private static final String API_MAC = "02:42:ac:14:00:03";
    private static final Map<String, List<Ipv4Address>> NAMES = Map.of(
            "web", List.of(Ipv4Address.parse("172.20.0.2"), Ipv4Address.parse("172.21.0.2")),
            "api", List.of(Ipv4Address.parse("172.20.0.3")),
            "gw", List.of(Ipv4Address.parse("172.20.0.1")));

    private static final Frame REQUEST = Frame.decode(ethernet(API_MAC, WEB_MAC, 0x0800, ipv4("172.20.0.2", "172.20.0.3", 1, icmpEcho(8, 1, 1))));
    private static final Frame REPLY = Frame.decode(ethernet(WEB_MAC, API_MAC, 0x0800, ipv4("172.20.0.3", "172.20.0.2", 1, icmpEcho(0, 1, 1))));
    private static final Frame WHO_HAS_GW = Frame.decode(ethernet("ff:ff:ff:ff:ff:ff", WEB_MAC, 0x0806,
            arp(1, WEB_MAC, "172.20.0.2", "00:00:00:00:00:00", "172.20.0.1")));
    private static final Frame GW_IS_AT = Frame.decode(ethernet(WEB_MAC, "02:42:ac:14:00:01", 0x0806,
            arp(2, "02:42:ac:14:00:01", "172.20.0.1", WEB_MAC, "172.20.0.2")));
    private static final Frame DNS = Frame.decode(ethernet(API_MAC, WEB_MAC, 0x0800,
            ipv4("172.20.0.2", "127.0.0.11", 17, udp(40000, 53, DnsMessage.queryA(7, "api.corp.example").encode()))));
    private static final Frame SYN = Frame.decode(ethernet(API_MAC, WEB_MAC, 0x0800, ipv4("172.20.0.2", "172.20.0.3", 6, tcp(40001, 80, 0x02))));
    private static final Frame TAGGED = Frame.decode(ethernet("ff:ff:ff:ff:ff:ff", WEB_MAC, 0x0806,
            arp(1, WEB_MAC, "192.168.10.2", "00:00:00:00:00:00", "192.168.10.1"), 10));
    private static final Frame TUNNELLED = Frame.decode(ethernet("0a:00:00:00:00:02", "0a:00:00:00:00:01", 0x0800,
            ipv4("10.0.0.1", "10.0.0.2", 17, udp(50000, 4789, vxlan(4096, ethernet(API_MAC, WEB_MAC, 0x0800,
                    ipv4("172.20.0.2", "172.20.0.3", 1, icmpEcho(8, 2, 2))))))));

    private static PacketPattern p(String text) {
        return PacketPattern.parse(text, name -> {
            List<Ipv4Address> a = NAMES.get(name);
            if (a == null) {
                throw new NetrigException("'" + name + "' is not a host or container of the lab");
            }
            return a;
        });
    }

    @Test
    void icmpEchoRequestAndReplyWithNamedEnds() {
        assertTrue(p("an icmp echo request from web to api").matches(REQUEST));
        assertFalse(p("an icmp echo request from web to api").matches(REPLY));
        assertTrue(p("icmp echo reply from api to web").matches(REPLY));
        assertFalse(p("icmp echo reply from web to api").matches(REPLY));
        assertTrue(p("icmp to 172.20.0.3").matches(REQUEST));
        assertTrue(p("ip from web").matches(REQUEST));
    }

    @Test
    void arpWhoHasAndIsAt() {
        assertTrue(p("arp who-has gw").matches(WHO_HAS_GW));
        assertTrue(p("arp who-has 172.20.0.1 from web").matches(WHO_HAS_GW));
        assertFalse(p("arp who-has api").matches(WHO_HAS_GW));
        assertTrue(p("arp is-at 02:42:ac:14:00:01").matches(GW_IS_AT));
        assertFalse(p("arp is-at").matches(WHO_HAS_GW));
        assertTrue(p("arp to web").matches(GW_IS_AT));
    }

    @Test
    void macAddressesCompareWithTheEthernetHeader() {
        assertTrue(p("a frame from 02:42:AC:14:00:02").matches(REQUEST));
        assertTrue(p("frame to ff:ff:ff:ff:ff:ff").matches(WHO_HAS_GW));
        assertFalse(p("frame from " + API_MAC).matches(REQUEST));
    }

    @Test
    void dnsQueryNamesWithOrWithoutASearchDomain() {
        assertTrue(p("dns query for api").matches(DNS));
        assertTrue(p("dns query for api.corp.example.").matches(DNS));
        assertFalse(p("dns query for ap").matches(DNS));
        assertFalse(p("dns answer for api").matches(DNS));
        assertTrue(p("udp to port 53").matches(DNS));
        assertTrue(p("udp port 40000").matches(DNS));
        assertFalse(p("udp from port 53").matches(DNS));
    }

    @Test
    void tcpFlagsAndPorts() {
        assertTrue(p("tcp syn from web to api to port 80").matches(SYN));
        assertFalse(p("tcp syn-ack").matches(SYN));
        assertFalse(p("tcp port 81").matches(SYN));
        assertFalse(p("packet port 80").matches(REQUEST));
    }

    @Test
    void vlanTagsAndVxlan() {
        assertTrue(p("802.1q vlan 10").matches(TAGGED));
        assertTrue(p("arp who-has 192.168.10.1 in vlan 10").matches(TAGGED));
        assertFalse(p("802.1q vlan 20").matches(TAGGED));
        assertFalse(p("802.1q vlan 10").matches(WHO_HAS_GW));
        assertTrue(p("vxlan vni 4096").matches(TUNNELLED));
        assertFalse(p("vxlan vni 4097").matches(TUNNELLED));
        assertTrue(p("icmp echo request from web to api").matches(TUNNELLED), "the frame inside the tunnel counts");
        assertEquals(2, p("icmp echo request from web").count(List.of(REQUEST, REPLY, TUNNELLED)));
    }

    @Test
    void badDescriptionsNameTheWordAndTheGrammar() {
        String m = assertThrows(NetrigException.class, () -> p("icmp echo banana")).getMessage();
        assertTrue(m.contains("at word 3 ('banana'): expected request or reply") && m.contains("grammar:"), m);
        m = assertThrows(NetrigException.class, () -> p("icmp from nobody")).getMessage();
        assertTrue(m.contains("'nobody' is not a host or container of the lab"), m);
        m = assertThrows(NetrigException.class, () -> p("802.1q vlan 5000")).getMessage();
        assertTrue(m.contains("expected a VLAN id (0-4095), found '5000'"), m);
        assertThrows(NetrigException.class, () -> p("smoke signals"));
        assertThrows(NetrigException.class, () -> p(""));
    }
}
