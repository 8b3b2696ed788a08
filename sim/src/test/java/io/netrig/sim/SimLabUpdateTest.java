package io.netrig.sim;

import static io.netrig.model.topology.LinkRef.end;
import static io.netrig.sim.Labs.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.NetrigException;
import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.net.LinkName;
import io.netrig.model.topology.BridgePort;
import io.netrig.model.topology.Iface;
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

/** {@code docker network connect} and {@code disconnect} on a running simulated lab. */
class SimLabUpdateTest extends SimLabTestSupport {
    /** A host with bridges br-a (10.1.0.0/24) and br-b (10.2.0.0/24), no forwarding; c1 on br-a, c2 on br-b. */
    private static Topology.Builder base() {
        Topology.Builder b = Topology.builder("connect").namespace("host").bridge(end("host", "br-a")).bridge(end("host", "br-b"))
                .address(end("host", "br-a"), Ipv4Interface.parse("10.1.0.1/24"))
                .address(end("host", "br-b"), Ipv4Interface.parse("10.2.0.1/24"));
        b.namespace("c1")
                .link(new Veth(Iface.of(end("c1", "eth0")), Iface.of(end("host", "veth-c1a")).withPort(BridgePort.of(LinkName.of("br-a"))),
                        Provenance.of("c1 on net-a")))
                .address(end("c1", "eth0"), Ipv4Interface.parse("10.1.0.2/24"));
        Labs.containerOn(b, "c2", "veth-c2", "br-b", "10.2.0.2/24", "10.2.0.1");
        return b;
    }

    private static Topology disconnected() {
        return base().route(Route.via("c1", Ipv4Prefix.DEFAULT, Ipv4Address.parse("10.1.0.1"), Labs.TEST)).build();
    }

    /** c1 also on br-b through eth1 (10.2.0.3), its default route now via br-b's gateway, and a UDP echo on c1. */
    private static Topology connected() {
        return base()
                .link(new Veth(Iface.of(end("c1", "eth1")), Iface.of(end("host", "veth-c1b")).withPort(BridgePort.of(LinkName.of("br-b"))),
                        Provenance.of("c1 on net-b")))
                .address(end("c1", "eth1"), Ipv4Interface.parse("10.2.0.3/24"))
                .route(Route.via("c1", Ipv4Prefix.DEFAULT, Ipv4Address.parse("10.2.0.1"), Labs.TEST))
                .service(Labs.udpListener("c1", 7))
                .build();
    }

    private static List<EthernetFrame> frames(Capture capture) throws IOException {
        return PcapRecords.parse(Files.readAllBytes(capture.stop())).stream().map(r -> EthernetFrame.decode(r.frame())).toList();
    }

    @Test
    void connectAddsTheInterfaceAndDisconnectRemovesIt() {
        try (Lab lab = start(disconnected())) {
            Observation before = lab.probe(ping("c1", "10.2.0.2"));
            assertEquals(Outcome.TIMEOUT, before.outcome(), () -> "c1 is not on net-b yet and the host does not forward: " + before);

            lab.update(connected());
            assertEquals(connected(), lab.topology());
            Observation direct = lab.probe(ping("c1", "10.2.0.2"));
            assertEquals(Outcome.REACHED, direct.outcome(), () -> "expected c1 -> c2 over the new eth1: " + direct);
            Observation udp = lab.probe(Probe.Udp.of("c2", Ipv4Address.parse("10.2.0.3"), 7));
            assertEquals(Outcome.REACHED, udp.outcome(), () -> "the new service answers on the new address: " + udp);
            assertEquals(Ipv4Address.parse("10.2.0.3"), ((SimLab) lab).network().stack("c1").sourceFor(Ipv4Address.parse("8.8.8.8")).orElseThrow(),
                    "the default route now leaves through eth1");

            lab.update(disconnected());
            Observation after = lab.probe(ping("c1", "10.2.0.2"));
            assertEquals(Outcome.TIMEOUT, after.outcome(), () -> "after disconnect c1 -> c2 fails again: " + after);
            assertTrue(((SimLab) lab).network().stack("c1").device("eth1").isEmpty(), "eth1 is gone from c1");
            assertFalse(((SimLab) lab).network().devices().containsKey(ref("host", "veth-c1b")), "and its peer from the host");
            Observation udpGone = lab.probe(Probe.Udp.of("c1", Ipv4Address.parse("10.1.0.2"), 7));
            assertEquals(Outcome.REFUSED, udpGone.outcome(), () -> "the removed service's socket is closed: " + udpGone);
        }
    }

    @Test
    void survivingInterfacesKeepTheirCaptureAndNeighbours() throws IOException {
        try (Lab lab = start(disconnected())) {
            Capture eth0 = lab.capture(ref("c1", "eth0"), CaptureFilter.ALL);
            assertEquals(Outcome.REACHED, lab.probe(ping("c1", "10.1.0.1")).outcome());
            lab.update(connected());
            assertEquals(Outcome.REACHED, lab.probe(ping("c1", "10.1.0.1")).outcome(), "the connected subnet of eth0 stays");
            List<EthernetFrame> seen = frames(eth0);
            assertEquals(6, seen.size(), () -> "ARP once, then two echo exchanges, all in one capture: " + seen.stream().map(EthernetFrame::summary).toList());
            assertEquals(2, seen.stream().filter(f -> f.payload() instanceof ArpPacket).count(), "the neighbour cache survived the update");
        }
    }

    @Test
    void updateMustKeepTheLabsName() {
        try (Lab lab = start(disconnected())) {
            Topology other = Topology.builder("other").namespace("x").build();
            assertThrows(NetrigException.class, () -> lab.update(other));
        }
    }
}
