package io.netrig.sim;

import static io.netrig.model.topology.LinkRef.end;
import static io.netrig.sim.Labs.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import io.netrig.model.topology.Dummy;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.Route;
import io.netrig.model.topology.Topology;
import io.netrig.sim.stack.IpStack;
import io.netrig.sim.wire.EthernetFrame;
import io.netrig.sim.wire.Ipv4Packet;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The source address of what a namespace sends: a route's {@code src}, else Linux's inet_select_addr. */
class SourceAddressTest extends SimLabTestSupport {
    private static final Ipv4Address GW = Ipv4Address.parse("10.0.0.2");

    /**
     * h1's eth0 has 192.168.5.1/24 (first), 10.0.0.1/24 and the secondary 10.0.0.5/24; d0 is a dummy without address.
     * h2 (10.0.0.2/24 and 10.8.0.1/16) is h1's gateway.
     */
    private static Topology lab() {
        return Topology.builder("src").namespace("h1").namespace("h2")
                .veth(end("h1", "eth0"), end("h2", "eth0"))
                .link(new Dummy(Iface.of(end("h1", "d0")), Provenance.of("dummy")))
                .address(end("h1", "eth0"), Ipv4Interface.parse("192.168.5.1/24"))
                .address(end("h1", "eth0"), Ipv4Interface.parse("10.0.0.1/24"))
                .address(end("h1", "eth0"), Ipv4Interface.parse("10.0.0.5/24"))
                .address(end("h2", "eth0"), Ipv4Interface.parse("10.0.0.2/24"))
                .address(end("h2", "eth0"), Ipv4Interface.parse("10.8.0.1/16"))
                .route(Route.via("h1", Ipv4Prefix.parse("10.9.0.0/16"), GW, Labs.TEST))
                .route(new Route("h1", Ipv4Prefix.parse("10.8.0.0/16"), Optional.of(GW), Optional.empty(), 0,
                        Optional.of(Ipv4Address.parse("10.0.0.5")), Labs.TEST))
                .route(Route.dev("h1", Ipv4Prefix.parse("10.7.0.0/16"), LinkName.of("eth0"), Labs.TEST))
                .route(Route.dev("h1", Ipv4Prefix.parse("10.6.0.0/16"), LinkName.of("d0"), Labs.TEST))
                .build();
    }

    private static Ipv4Address source(Lab lab, String dst) {
        IpStack h1 = ((SimLab) lab).network().stack("h1");
        return h1.sourceFor(Ipv4Address.parse(dst)).orElseThrow();
    }

    @Test
    void sourceFollowsInetSelectAddr() {
        try (Lab lab = start(lab())) {
            assertEquals(Ipv4Address.parse("10.0.0.1"), source(lab, "10.9.1.1"),
                    "via a gateway: the first primary address on the gateway's subnet, not the device's first address");
            assertEquals(Ipv4Address.parse("192.168.5.1"), source(lab, "10.7.1.1"),
                    "a device route without gateway: the device's first primary address");
            assertEquals(Ipv4Address.parse("192.168.5.1"), source(lab, "10.6.1.1"),
                    "a device without addresses: the first primary address of another device");
            assertEquals(Ipv4Address.parse("10.0.0.1"), source(lab, "10.0.0.77"), "a connected route: its own address");
        }
    }

    @Test
    void routeSrcChangesTheChosenSource() throws IOException {
        try (Lab lab = start(lab())) {
            assertEquals(Ipv4Address.parse("10.0.0.5"), source(lab, "10.8.3.3"), "ip route … src 10.0.0.5 wins, secondary or not");
            Capture c = lab.capture(ref("h2", "eth0"), CaptureFilter.of(IpProtocol.ICMP));
            Observation o = lab.probe(ping("h1", "10.8.0.1"));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "expected h1 -> 10.8.0.1 to be answered: " + o);
            EthernetFrame request = EthernetFrame.decode(PcapRecords.parse(Files.readAllBytes(c.stop())).getFirst().frame());
            assertEquals(Ipv4Address.parse("10.0.0.5"), ((Ipv4Packet) request.payload()).src(), "the echo request leaves from src");
        }
    }
}
