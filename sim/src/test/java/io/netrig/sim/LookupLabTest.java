package io.netrig.sim;

import static io.netrig.model.topology.LinkRef.end;
import static io.netrig.sim.Labs.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.dns.DnsMessage;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.topology.DnsRecord;
import io.netrig.model.topology.DnsServer;
import io.netrig.model.topology.HostsEntry;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.ResolverConfig;
import io.netrig.model.topology.Topology;
import io.netrig.sim.wire.EthernetFrame;
import io.netrig.sim.wire.Ipv4Packet;
import io.netrig.sim.wire.UdpDatagram;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** getaddrinfo(AF_INET) in a namespace: the hosts file, then the resolv.conf nameservers over UDP. */
class LookupLabTest extends SimLabTestSupport {
    private static final Provenance P = Provenance.of("test resolver");

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    /**
     * h1 and h2 on br0 (10.0.0.0/24). h1 runs Docker's embedded DNS (web → 10.0.0.2) and has hosts entries; h2 asks
     * 10.0.0.77, which nobody has, with timeout:1 attempts:2; h3 has no resolver files.
     */
    private static Topology lab() {
        Topology.Builder b = Topology.builder("dns").namespace("host").bridge(end("host", "br0"))
                .address(end("host", "br0"), Ipv4Interface.parse("10.0.0.254/24"));
        Labs.containerOn(b, "h1", "veth-h1", "br0", "10.0.0.1/24", "10.0.0.254");
        Labs.containerOn(b, "h2", "veth-h2", "br0", "10.0.0.2/24", "10.0.0.254");
        Labs.containerOn(b, "h3", "veth-h3", "br0", "10.0.0.3/24", "10.0.0.254");
        b.service(new DnsServer("h1", DnsServer.EMBEDDED_ADDRESS, DnsServer.DNS_PORT,
                List.of(new DnsRecord("web", ip("10.0.0.2")), new DnsRecord("web", ip("10.0.0.3"))), P));
        b.resolver(new ResolverConfig("h1", List.of(new HostsEntry(ip("127.0.0.1"), List.of("localhost")),
                new HostsEntry(ip("10.0.0.1"), List.of("h1", "First")), new HostsEntry(ip("10.0.0.9"), List.of("first")),
                new HostsEntry(ip("10.0.0.1"), List.of("first"))),
                List.of(DnsServer.EMBEDDED_ADDRESS), List.of("ndots:0"), P));
        b.resolver(new ResolverConfig("h2", List.of(), List.of(ip("10.0.0.77")), List.of("timeout:1", "attempts:2"), P));
        return b.build();
    }

    private static Probe.Lookup lookup(String from, String name) {
        return new Probe.Lookup(from, name, Duration.ofSeconds(30));
    }

    @Test
    void hostsFileAnswersFirstWithEveryMatchingLineInOrder() {
        try (Lab lab = start(lab())) {
            Observation o = lab.probe(lookup("h1", "FIRST"));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "expected FIRST to be found in h1's hosts file: " + o);
            assertEquals(List.of(ip("10.0.0.1"), ip("10.0.0.9")), o.answers(), "each matching line's address once, in file order");
        }
    }

    @Test
    void embeddedDnsAnswersOverUdpOnLoopback() throws IOException {
        try (Lab lab = start(lab())) {
            Capture lo = lab.capture(ref("h1", "lo"), CaptureFilter.of(IpProtocol.UDP));
            Observation o = lab.probe(lookup("h1", "Web"));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "expected web to resolve through 127.0.0.11: " + o);
            assertEquals(List.of(ip("10.0.0.2"), ip("10.0.0.3")), o.answers());
            List<Ipv4Packet> packets = PcapRecords.parse(Files.readAllBytes(lo.stop())).stream()
                    .map(r -> (Ipv4Packet) EthernetFrame.decode(r.frame()).payload()).toList();
            assertEquals(2, packets.size(), "a query and its answer on lo");
            assertEquals(ip("127.0.0.1"), packets.getFirst().src(), "the query leaves from 127.0.0.1 (lo's src)");
            assertEquals(ip("127.0.0.11"), packets.getFirst().dst());
            UdpDatagram answer = (UdpDatagram) packets.get(1).payload();
            assertEquals(53, answer.srcPort());
            DnsMessage decoded = DnsMessage.decode(answer.data()).orElseThrow();
            assertEquals(DnsMessage.NOERROR, decoded.rcode());
            assertEquals(List.of(ip("10.0.0.2"), ip("10.0.0.3")), decoded.answers());
        }
    }

    @Test
    void unknownNameGetsServfailAndIsNotFound() {
        try (Lab lab = start(lab())) {
            long before = ((SimLab) lab).network().sim().now();
            Observation o = lab.probe(lookup("h1", "nosuch"));
            long took = ((SimLab) lab).network().sim().now() - before;
            assertEquals(Outcome.NOT_FOUND, o.outcome(), () -> "expected SERVFAIL to make the lookup fail: " + o);
            assertTrue(o.detail().contains("SERVFAIL"), () -> "detail names what the server said: " + o.detail());
            assertTrue(o.answers().isEmpty());
            assertTrue(took < 10_000_000L, "SERVFAIL is retried at once, with no waiting: took " + took + " ns");
        }
    }

    @Test
    void unreachableNameserverIsNotFoundAfterTheOptionsTimeout() {
        try (Lab lab = start(lab())) {
            long before = ((SimLab) lab).network().sim().now();
            Observation o = lab.probe(lookup("h2", "web"));
            long took = ((SimLab) lab).network().sim().now() - before;
            assertEquals(Outcome.NOT_FOUND, o.outcome(), () -> "expected a silent nameserver to end in NOT_FOUND: " + o);
            assertTrue(o.detail().contains("10.0.0.77") && o.detail().contains("no answer"), () -> "detail: " + o.detail());
            assertEquals(2_000_000_000L, took, "timeout:1 attempts:2 with one server: two waits of 1 s");
        }
    }

    @Test
    void probeTimeoutCapsTheLookup() {
        try (Lab lab = start(lab())) {
            long before = ((SimLab) lab).network().sim().now();
            Observation o = lab.probe(new Probe.Lookup("h2", "web", Duration.ofMillis(1500)));
            assertEquals(Outcome.NOT_FOUND, o.outcome());
            assertEquals(1_500_000_000L, ((SimLab) lab).network().sim().now() - before);
        }
    }

    @Test
    void withoutResolverFilesGlibcAsksLocalhostWhereNothingListens() {
        try (Lab lab = start(lab())) {
            Observation o = lab.probe(lookup("h3", "web"));
            assertEquals(Outcome.NOT_FOUND, o.outcome(), () -> "expected no resolver to mean NOT_FOUND: " + o);
            assertTrue(o.detail().contains("127.0.0.1") && o.detail().toLowerCase().contains("port unreachable"),
                    () -> "detail: " + o.detail());
        }
    }

    @Test
    void numericNamesNeedNoLookup() {
        try (Lab lab = start(lab())) {
            Observation o = lab.probe(lookup("h3", "10.0.0.1"));
            assertEquals(List.of(ip("10.0.0.1")), o.answers());
        }
    }
}
