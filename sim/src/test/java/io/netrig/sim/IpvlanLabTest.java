package io.netrig.sim;

import static io.netrig.model.topology.LinkRef.end;
import static io.netrig.sim.Labs.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.net.LinkName;
import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.Bridge;
import io.netrig.model.topology.BridgePort;
import io.netrig.model.topology.Dummy;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.Ipvlan;
import io.netrig.model.topology.IpvlanMode;
import io.netrig.model.topology.Macvlan;
import io.netrig.model.topology.MacvlanMode;
import io.netrig.model.topology.NamespaceKind;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.Route;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import io.netrig.sim.wire.ArpPacket;
import io.netrig.sim.wire.EthernetFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Docker's ipvlan driver as Linux runs it (drivers/net/ipvlan): l2 and l3 children on a host NIC, and on a dummy. */
class IpvlanLabTest extends SimLabTestSupport {
    private static List<EthernetFrame> frames(Capture capture) throws IOException {
        return PcapRecords.parse(Files.readAllBytes(capture.stop())).stream().map(r -> EthernetFrame.decode(r.frame())).toList();
    }

    /** sw-lan (switch br0) with host1's ens160 (10.3.1.45/24) and a router (10.3.1.1/24) on it. */
    private static Topology.Builder lan() {
        LinkName br0 = LinkName.of("br0");
        return Topology.builder("ipvlan")
                .namespace("sw-lan", NamespaceKind.SEGMENT, Provenance.of("segment lan"))
                .namespace("host1", NamespaceKind.HOST, Provenance.of("host host1"))
                .namespace("router", NamespaceKind.HOST, Provenance.of("machine router"))
                .link(new Bridge(Iface.of(end("sw-lan", "br0")), Bridge.DEFAULT_AGEING, Provenance.of("switch of lan")))
                .link(new Veth(Iface.of(end("host1", "ens160")), Iface.of(end("sw-lan", "p1")).withPort(BridgePort.of(br0)),
                        Provenance.of("host1 ens160 on lan")))
                .link(new Veth(Iface.of(end("router", "eth0")), Iface.of(end("sw-lan", "p2")).withPort(BridgePort.of(br0)),
                        Provenance.of("router eth0 on lan")))
                .address(end("host1", "ens160"), Ipv4Interface.parse("10.3.1.45/24"))
                .address(end("router", "eth0"), Ipv4Interface.parse("10.3.1.1/24"));
    }

    private static void child(Topology.Builder b, String name, String parentNs, String parent, IpvlanMode mode, String ip, Route route) {
        b.namespace(name, NamespaceKind.CONTAINER, Provenance.of("container " + name))
                .link(new Ipvlan(Iface.of(end(name, "eth0")), end(parentNs, parent), mode, Provenance.of(name + " on ipvlan")))
                .address(end(name, "eth0"), Ipv4Interface.parse(ip))
                .route(route);
    }

    /** c1 (10.3.1.145) and c2 (10.3.1.146) in l2 mode on host1's ens160, default via the router. */
    private static Topology l2() {
        Topology.Builder b = lan();
        Ipv4Address gw = Ipv4Address.parse("10.3.1.1");
        child(b, "c1", "host1", "ens160", IpvlanMode.L2, "10.3.1.145/24", Route.via("c1", Ipv4Prefix.DEFAULT, gw, Labs.TEST));
        child(b, "c2", "host1", "ens160", IpvlanMode.L2, "10.3.1.146/24", Route.via("c2", Ipv4Prefix.DEFAULT, gw, Labs.TEST));
        return b.build();
    }

    /**
     * c1 (10.10.1.2/24) and c2 (10.10.2.2/24) in l3 mode on ens160, each with {@code default dev eth0}; the router
     * reaches 10.10.0.0/16 via host1.
     */
    private static Topology l3() {
        Topology.Builder b = lan();
        child(b, "c1", "host1", "ens160", IpvlanMode.L3, "10.10.1.2/24", Route.dev("c1", Ipv4Prefix.DEFAULT, LinkName.of("eth0"), Labs.TEST));
        child(b, "c2", "host1", "ens160", IpvlanMode.L3, "10.10.2.2/24", Route.dev("c2", Ipv4Prefix.DEFAULT, LinkName.of("eth0"), Labs.TEST));
        b.route(Route.via("router", Ipv4Prefix.parse("10.10.0.0/16"), Ipv4Address.parse("10.3.1.45"), Labs.TEST));
        return b.build();
    }

    private MacAddress mac(Lab lab, String ns, String dev) {
        return ((SimLab) lab).network().device(ref(ns, dev)).mac();
    }

    @Test
    void l2SiblingsTalkInsideTheParentNotOnTheWire() throws IOException {
        try (Lab lab = start(l2())) {
            Capture wire = lab.capture(ref("sw-lan", "p1"), CaptureFilter.of(IpProtocol.ICMP));
            Observation o = lab.probe(ping("c1", "10.3.1.146"));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "expected ipvlan l2 siblings c1 -> c2 to be answered: " + o);
            assertEquals(List.of(), frames(wire), "sibling traffic must not reach the segment switch");
        }
    }

    @Test
    void l2ChildAndLanPeerReachEachOtherAndTheChildAnswersArpWithTheParentMac() throws IOException {
        try (Lab lab = start(l2())) {
            Capture router = lab.capture(ref("router", "eth0"), CaptureFilter.ALL);
            Observation in = lab.probe(ping("router", "10.3.1.145"));
            assertEquals(Outcome.REACHED, in.outcome(), () -> "expected router -> c1 (ipvlan l2) to be answered: " + in);
            Observation out = lab.probe(ping("c2", "10.3.1.1"));
            assertEquals(Outcome.REACHED, out.outcome(), () -> "expected c2 -> router to be answered: " + out);
            MacAddress parent = mac(lab, "host1", "ens160");
            assertEquals(parent, mac(lab, "c1", "eth0"), "an ipvlan child has its parent's MAC");
            List<ArpPacket> replies = frames(router).stream().filter(f -> f.payload() instanceof ArpPacket a && !a.isRequest())
                    .map(f -> (ArpPacket) f.payload()).toList();
            ArpPacket forC1 = replies.stream().filter(a -> a.senderIp().equals(Ipv4Address.parse("10.3.1.145"))).findFirst()
                    .orElseThrow(() -> new AssertionError("the router got no ARP reply for 10.3.1.145: " + replies));
            assertEquals(parent, forC1.senderMac(), "c1 answers ARP for its address with host1's ens160 MAC");
        }
    }

    @Test
    void l2HostAndItsChildrenDoNotReachEachOther() {
        try (Lab lab = start(l2())) {
            Observation down = lab.probe(ping("host1", "10.3.1.145"));
            assertEquals(Outcome.TIMEOUT, down.outcome(), () -> "expected host1 -> c1 to fail (ipvlan parent isolation) but: " + down);
            Observation up = lab.probe(ping("c1", "10.3.1.45"));
            assertEquals(Outcome.TIMEOUT, up.outcome(), () -> "expected c1 -> host1 to fail (ipvlan parent isolation) but: " + up);
        }
    }

    @Test
    void l3ChildrenInDifferentSubnetsReachEachOther() {
        try (Lab lab = start(l3())) {
            Observation o = lab.probe(ping("c1", "10.10.2.2"));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "expected ipvlan l3 to switch c1 -> c2 across subnets: " + o);
        }
    }

    @Test
    void l3ChildNeverArpsAndTheParentNamespaceRoutesItsPackets() throws IOException {
        try (Lab lab = start(l3())) {
            Capture child = lab.capture(ref("c1", "eth0"), CaptureFilter.ALL);
            Capture wire = lab.capture(ref("sw-lan", "p1"), CaptureFilter.ALL);
            Observation o = lab.probe(ping("c1", "10.3.1.1"));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "expected c1 (ipvlan l3) -> router to be answered: " + o);
            List<EthernetFrame> onChild = frames(child);
            assertFalse(onChild.isEmpty());
            assertTrue(onChild.stream().noneMatch(f -> f.payload() instanceof ArpPacket), () -> "an l3 child never ARPs: " + onChild);
            MacAddress parent = mac(lab, "host1", "ens160");
            List<EthernetFrame> onWire = frames(wire);
            ArpPacket request = onWire.stream().filter(f -> f.payload() instanceof ArpPacket a && a.isRequest())
                    .map(f -> (ArpPacket) f.payload()).findFirst().orElseThrow(() -> new AssertionError("no ARP on the wire: " + onWire));
            assertEquals(parent, request.senderMac(), "host1 resolves the router on ens160 with its own MAC");
            assertEquals(Ipv4Address.parse("10.3.1.45"), request.senderIp(), "and its own address on ens160");
            Observation in = lab.probe(ping("router", "10.10.2.2"));
            assertEquals(Outcome.REACHED, in.outcome(), () -> "expected router -> c2 through host1 to be answered: " + in);
        }
    }

    @Test
    void dummyParentMakesAnIslandWhereSiblingsStillMeet() {
        Topology.Builder b = lan().link(new Dummy(Iface.of(end("host1", "dummy0")), Provenance.of("island parent")));
        Ipv4Address gw = Ipv4Address.parse("10.5.0.1");
        child(b, "c1", "host1", "dummy0", IpvlanMode.L2, "10.5.0.2/24", Route.via("c1", Ipv4Prefix.DEFAULT, gw, Labs.TEST));
        child(b, "c2", "host1", "dummy0", IpvlanMode.L2, "10.5.0.3/24", Route.via("c2", Ipv4Prefix.DEFAULT, gw, Labs.TEST));
        b.link(new Dummy(Iface.of(end("host1", "dummy1")), Provenance.of("macvlan island parent")));
        for (int n = 1; n <= 2; n++) {
            b.namespace("m" + n).link(new Macvlan(Iface.of(end("m" + n, "eth0")), end("host1", "dummy1"), MacvlanMode.BRIDGE,
                    Provenance.of("m" + n + " on macvlan"))).address(end("m" + n, "eth0"), Ipv4Interface.parse("10.6.0." + (1 + n) + "/24"));
        }
        try (Lab lab = start(b.build())) {
            Observation siblings = lab.probe(ping("c1", "10.5.0.3"));
            assertEquals(Outcome.REACHED, siblings.outcome(), () -> "expected ipvlan siblings on a dummy to meet: " + siblings);
            Observation macvlan = lab.probe(ping("m1", "10.6.0.3"));
            assertEquals(Outcome.REACHED, macvlan.outcome(), () -> "expected macvlan siblings on a dummy to meet: " + macvlan);
            Observation away = lab.probe(ping("c1", "10.3.1.1"));
            assertEquals(Outcome.TIMEOUT, away.outcome(), () -> "expected nothing beyond the dummy to be reachable: " + away);
            Observation host = lab.probe(ping("host1", "10.5.0.2"));
            assertEquals(Outcome.NO_ROUTE, host.outcome(), () -> "host1 has no route into the island: " + host);
        }
    }
}
