package io.netrig.sim;

import static io.netrig.sim.Labs.ref;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.netrig.model.NetrigException;
import io.netrig.model.backend.Backends;
import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.firewall.RuleRef;
import io.netrig.model.firewall.TableName;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.Topology;
import io.netrig.sim.wire.EthernetFrame;
import io.netrig.sim.wire.IcmpMessage;
import io.netrig.sim.wire.Ipv4Packet;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimLabTest extends SimLabTestSupport {
    private static Probe.Ping ping(String from, String to, int count) {
        return new Probe.Ping(from, Ipv4Address.parse(to), to, count, Duration.ofSeconds(1));
    }

    @Test
    void serviceLoaderFindsTheSimulator() {
        assertInstanceOf(SimBackend.class, Backends.byName("sim"));
    }

    @Test
    void bridgedPingBetweenTwoNamespacesIsReached() {
        try (Lab lab = start(Labs.bridged())) {
            Observation o = lab.probe(ping("h1", "10.0.0.2"));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "expected h1 -> h2 across br0 to be answered: " + o);
            assertTrue(o.path().stream().anyMatch(s -> s.contains("host:br0 bridges")), () -> "path shows the bridge: " + o.path());
        }
    }

    @Test
    void pingOfOwnAddressGoesThroughLoopback() {
        try (Lab lab = start(Labs.bridged())) {
            assertEquals(Outcome.REACHED, lab.probe(ping("h1", "10.0.0.1")).outcome());
            assertEquals(Outcome.REACHED, lab.probe(ping("h1", "127.0.0.1")).outcome());
        }
    }

    @Test
    void iccDropRuleIsNamedInTheObservation() {
        try (Lab lab = start(Labs.docker())) {
            Observation o = lab.probe(ping("c1", "172.18.0.3"));
            assertEquals(Outcome.DROPPED, o.outcome(), () -> "expected c1 -> c2 to be dropped (icc off) but: " + o);
            RuleRef rule = o.rule().orElseThrow();
            assertTrue(rule.sameRule(new RuleRef("host", TableName.FILTER, "FORWARD", 6, "")), () -> "dropped by " + rule);
            assertEquals("-A FORWARD -i br-1 -o br-1 -j DROP", rule.text());
            assertTrue(o.path().stream().anyMatch(s -> s.contains("filter/FORWARD #6 DROP")), () -> "path: " + o.path());
        }
    }

    @Test
    void containerReachesItsGateway() {
        try (Lab lab = start(Labs.docker())) {
            Observation o = lab.probe(ping("c1", "172.18.0.1"));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "expected c1 -> gateway to be answered: " + o);
        }
    }

    @Test
    void masqueradeRewritesSourceAndReversesReply() throws IOException {
        try (Lab lab = start(Labs.docker())) {
            Capture wan = lab.capture(ref("wan", "eth0"), CaptureFilter.of(IpProtocol.ICMP));
            Observation o = lab.probe(ping("c1", "10.0.0.2"));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "expected c1 -> wan to be answered through MASQUERADE: " + o);
            List<PcapRecords.Rec> recs = PcapRecords.parse(Files.readAllBytes(wan.stop()));
            assertEquals(2, recs.size(), "request and reply on wan:eth0");
            Ipv4Packet request = (Ipv4Packet) EthernetFrame.decode(recs.get(0).frame()).payload();
            Ipv4Packet reply = (Ipv4Packet) EthernetFrame.decode(recs.get(1).frame()).payload();
            assertEquals(Ipv4Address.parse("10.0.0.1"), request.src(), "wan sees the host's address, not the container's");
            assertEquals(Ipv4Address.parse("10.0.0.1"), reply.dst());
        }
    }

    @Test
    void withoutMasqueradeTheOutsideCannotAnswer() {
        Topology docker = Labs.docker();
        Topology noNat = new Topology(docker.name(), docker.namespaces(), docker.links(), docker.addresses(), docker.routes(),
                docker.sysctls(), List.of(new io.netrig.model.firewall.Ruleset("host",
                        List.of(docker.ruleset("host").orElseThrow().table(TableName.FILTER).orElseThrow()))));
        try (Lab lab = start(noNat)) {
            Observation o = lab.probe(ping("c1", "10.0.0.2"));
            assertEquals(Outcome.TIMEOUT, o.outcome(), () -> "wan has no route back to 172.18/16: " + o);
        }
    }

    @Test
    void noRouteIsReportedWithoutSendingAnything() throws IOException {
        try (Lab lab = start(Labs.firewall(true))) {
            Capture c = lab.capture(ref("wan", "eth0"), CaptureFilter.ALL);
            Observation o = lab.probe(ping("wan", "198.51.100.7"));
            assertEquals(Outcome.NO_ROUTE, o.outcome(), () -> "wan has no default route: " + o);
            assertEquals(List.of(), PcapRecords.parse(Files.readAllBytes(c.stop())), "nothing may leave wan:eth0");
        }
    }

    @Test
    void routerWithoutRouteAnswersNetUnreachable() {
        try (Lab lab = start(Labs.firewall(true))) {
            Observation o = lab.probe(ping("lan", "198.51.100.7"));
            assertEquals(Outcome.UNREACHABLE, o.outcome(), () -> "fw has no route to 198.51.100.7: " + o);
            assertTrue(o.detail().contains("From 192.168.1.1") && o.detail().contains("Net Unreachable"), o.detail());
        }
    }

    @Test
    void forwardingOffDropsRoutedTraffic() {
        Topology t = Labs.firewall(true);
        Topology off = new Topology(t.name(), t.namespaces(), t.links(), t.addresses(), t.routes(), List.of(), t.rulesets());
        try (Lab lab = start(off)) {
            Observation o = lab.probe(ping("lan", "203.0.113.2"));
            assertEquals(Outcome.TIMEOUT, o.outcome(), () -> "fw has ip_forward=0: " + o);
            assertTrue(o.path().stream().anyMatch(s -> s.contains("ip_forward=0")), () -> "path: " + o.path());
        }
    }

    @Test
    void conntrackLetsRepliesThroughEstablishedRule() {
        try (Lab lab = start(Labs.firewall(true))) {
            assertEquals(Outcome.REACHED, lab.probe(ping("lan", "203.0.113.2")).outcome(), "lan -> wan, reply ESTABLISHED");
            Observation in = lab.probe(ping("wan", "192.168.1.2"));
            assertEquals(Outcome.DROPPED, in.outcome(), () -> "new connections from wan hit the policy: " + in);
            assertEquals(0, in.rule().orElseThrow().index());
            assertEquals("policy DROP", in.rule().orElseThrow().text());
        }
    }

    @Test
    void withoutEstablishedRuleTheReplyIsDroppedByPolicy() {
        try (Lab lab = start(Labs.firewall(false))) {
            Observation o = lab.probe(ping("lan", "203.0.113.2"));
            assertEquals(Outcome.DROPPED, o.outcome(), () -> "the echo reply from wan is not allowed back: " + o);
            assertEquals("FORWARD", o.rule().orElseThrow().chain());
        }
    }

    @Test
    void unansweredArpWithOneSecondTimeoutIsTimeout() {
        try (Lab lab = start(Labs.bridged())) {
            Observation o = lab.probe(ping("h1", "10.0.0.99"));
            assertEquals(Outcome.TIMEOUT, o.outcome(), () -> "ARP gives up after 3 s, ping after 1 s: " + o);
        }
    }

    @Test
    void unansweredArpReportsHostUnreachableWhenPingWaitsLongEnough() {
        try (Lab lab = start(Labs.bridged())) {
            Observation o = lab.probe(ping("h1", "10.0.0.99", 5));
            assertEquals(Outcome.UNREACHABLE, o.outcome(), () -> "after 3 ARP requests: " + o);
            assertTrue(o.detail().contains("Destination Host Unreachable"), o.detail());
        }
    }

    @Test
    void sameSeedGivesIdenticalPcapBytes() throws IOException {
        byte[] first = captureOfDockerPing(7);
        byte[] second = captureOfDockerPing(7);
        assertArrayEquals(first, second);
        assertFalse(java.util.Arrays.equals(first, captureOfDockerPing(8)), "another seed gives other MACs and ids");
    }

    private byte[] captureOfDockerPing(long seed) throws IOException {
        try (Lab lab = new SimBackend().start(Labs.docker(), options.withSeed(seed))) {
            Capture c = lab.capture(ref("host", "veth-c1"), CaptureFilter.ALL);
            lab.probe(ping("c1", "10.0.0.2", 2));
            return Files.readAllBytes(c.stop());
        }
    }

    @Test
    void capturedFramesAreWellFormed() throws IOException {
        try (Lab lab = start(Labs.docker())) {
            Capture c = lab.capture(ref("c1", "eth0"), CaptureFilter.ALL);
            lab.probe(ping("c1", "172.18.0.1"));
            Path file = c.stop();
            assertEquals(file, c.stop(), "stop is idempotent");
            List<PcapRecords.Rec> recs = PcapRecords.parse(Files.readAllBytes(file));
            // ARP request, ARP reply, echo request, echo reply
            assertEquals(4, recs.size(), "frames on c1:eth0");
            assertEquals(1_767_225_600L, recs.getFirst().seconds(), "timestamps count from 2026-01-01T00:00:00Z");
            for (PcapRecords.Rec r : recs) {
                if (EthernetFrame.decode(r.frame()).payload() instanceof Ipv4Packet ip) {
                    byte[] raw = java.util.Arrays.copyOfRange(r.frame(), EthernetFrame.HEADER_LENGTH, r.frame().length);
                    assertEquals(0, io.netrig.sim.wire.InternetChecksum.of(raw, 0, 20), "IP header checksum");
                    assertEquals(0, io.netrig.sim.wire.InternetChecksum.of(raw, 20, raw.length - 20), "ICMP checksum");
                    assertInstanceOf(IcmpMessage.class, ip.payload());
                }
            }
        }
    }

    @Test
    void closeIsIdempotentAndEndsTheLab() {
        Lab lab = start(Labs.bridged());
        lab.close();
        lab.close();
        assertThrows(NetrigException.class, () -> lab.probe(ping("h1", "10.0.0.2")));
    }

    @Test
    void rejectRuleIsNamedAndAnswersWithAnIcmpError() {
        Topology t = Labs.firewall(true);
        io.netrig.model.firewall.Table filter = new io.netrig.model.firewall.Table(TableName.FILTER, List.of(
                Labs.builtin("FORWARD", io.netrig.model.firewall.Policy.ACCEPT,
                        Labs.rule(new io.netrig.model.firewall.Target.Reject("icmp-port-unreachable"),
                                new io.netrig.model.firewall.Match.Protocol(IpProtocol.ICMP, false)))));
        Topology rejecting = new Topology(t.name(), t.namespaces(), t.links(), t.addresses(), t.routes(), t.sysctls(),
                List.of(new io.netrig.model.firewall.Ruleset("fw", List.of(filter))));
        try (Lab lab = start(rejecting)) {
            Observation o = lab.probe(ping("lan", "203.0.113.2"));
            assertEquals(Outcome.DROPPED, o.outcome(), () -> "REJECT decides the request: " + o);
            assertEquals("-A FORWARD -p icmp -j REJECT --reject-with icmp-port-unreachable", o.rule().orElseThrow().text());
            assertTrue(o.path().stream().anyMatch(s -> s.contains("Destination Port Unreachable")), () -> "path: " + o.path());
        }
    }

    @Test
    void isolatedPortsCannotTalkToEachOther() {
        Topology.Builder b = Topology.builder("isolated").namespace("host").bridge(ref("host", "br0"));
        for (int i = 1; i <= 2; i++) {
            String h = "h" + i;
            b.namespace(h).link(new io.netrig.model.topology.Veth(io.netrig.model.topology.Iface.of(ref(h, "eth0")),
                    io.netrig.model.topology.Iface.of(ref("host", "veth-" + h)).withPort(
                            io.netrig.model.topology.BridgePort.of(io.netrig.model.net.LinkName.of("br0")).withIsolated(true)),
                    Labs.TEST)).address(ref(h, "eth0"), io.netrig.model.net.Ipv4Interface.parse("10.0.0." + i + "/24"));
        }
        Topology t = b.address(ref("host", "br0"), io.netrig.model.net.Ipv4Interface.parse("10.0.0.254/24")).build();
        try (Lab lab = start(t)) {
            assertEquals(Outcome.TIMEOUT, lab.probe(ping("h1", "10.0.0.2")).outcome(), "isolated ports do not forward to each other");
            assertEquals(Outcome.REACHED, lab.probe(ping("h1", "10.0.0.254")).outcome(), "the bridge itself is still reachable");
        }
    }

    @Test
    void unknownNamespaceIsNamed() {
        try (Lab lab = start(Labs.bridged())) {
            NetrigException e = assertThrows(NetrigException.class, () -> lab.probe(ping("nope", "10.0.0.2")));
            assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("h1"), e.getMessage());
        }
    }
}
