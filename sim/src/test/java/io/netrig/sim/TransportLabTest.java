package io.netrig.sim;

import static io.netrig.sim.Labs.ref;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.firewall.Match;
import io.netrig.model.firewall.Target;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.Listener;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.Topology;
import io.netrig.sim.wire.EthernetFrame;
import io.netrig.sim.wire.IcmpMessage;
import io.netrig.sim.wire.Ipv4Packet;
import io.netrig.sim.wire.TcpSegment;
import io.netrig.sim.wire.UdpDatagram;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TCP connect and UDP probes between lan (192.168.1.2) and wan (203.0.113.2) through the router fw, with wan
 * listening on tcp 80 and echoing on udp 53. Expectations follow Linux: RFC 793 resets, tcp_v4_err, udp's port
 * unreachable, the SYN retransmission timer (initial RTO 1 s, doubling).
 */
class TransportLabTest extends SimLabTestSupport {
    private static final Match TCP = new Match.Protocol(IpProtocol.TCP, false);
    private static final Match UDP = new Match.Protocol(IpProtocol.UDP, false);

    private static Topology lab(Topology t) {
        return Labs.withServices(t, Labs.tcpListener("wan", 80), Labs.udpListener("wan", 53));
    }

    private static Probe.Tcp tcp(String from, String to, int port) {
        return Probe.Tcp.of(from, Ipv4Address.parse(to), port);
    }

    private static Probe.Tcp tcp(String from, String to, int port, Duration timeout) {
        return new Probe.Tcp(from, Ipv4Address.parse(to), to, port, timeout);
    }

    private static Probe.Udp udp(String from, String to, int port) {
        return Probe.Udp.of(from, Ipv4Address.parse(to), port);
    }

    static List<PcapRecords.Rec> records(Capture c) throws IOException {
        return PcapRecords.parse(Files.readAllBytes(c.stop()));
    }

    static List<Ipv4Packet> packets(Capture c) throws IOException {
        return records(c).stream().map(r -> EthernetFrame.decode(r.frame()).payload())
                .filter(Ipv4Packet.class::isInstance).map(Ipv4Packet.class::cast).toList();
    }

    static List<TcpSegment> segments(Capture c) throws IOException {
        return packets(c).stream().map(Ipv4Packet::payload).filter(TcpSegment.class::isInstance).map(TcpSegment.class::cast).toList();
    }

    @Test
    void connectToAListenerCompletesTheHandshakeAndClosesWithFins() throws IOException {
        try (Lab lab = start(lab(Labs.firewall(true)))) {
            Capture wan = lab.capture(ref("wan", "eth0"), CaptureFilter.of(IpProtocol.TCP));
            Observation o = lab.probe(tcp("lan", "203.0.113.2", 80));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "wan listens on tcp 80: " + o);
            List<String> flags = segments(wan).stream().map(TcpSegment::flagText).toList();
            // nc -z: connect, close; the server reads EOF and closes at once, so its ACK rides on its FIN
            assertEquals(List.of("[S]", "[S.]", "[.]", "[F.]", "[F.]", "[.]"), flags);
            List<TcpSegment> s = segments(wan);
            assertEquals(s.get(0).seq() + 1, s.get(1).ack(), "SYN-ACK acknowledges the SYN");
            assertEquals(s.get(1).seq() + 1, s.get(2).ack(), "the ACK acknowledges the SYN-ACK");
            assertEquals(s.get(3).seq() + 1, s.get(4).ack(), "the server's FIN acknowledges the client's");
            assertEquals(s.get(4).seq() + 1, s.get(5).ack(), "the last ACK acknowledges the server's FIN");
            assertEquals(32768, s.get(0).srcPort(), "the first ephemeral port of ip_local_port_range");
            assertArrayEquals(TcpSegment.synOptions(1460), s.get(0).options(), "mss 1460,nop,nop,sackOK,nop,wscale 7");
        }
    }

    @Test
    void ephemeralPortsCountUpPerNamespace() throws IOException {
        try (Lab lab = start(lab(Labs.firewall(true)))) {
            Capture wan = lab.capture(ref("wan", "eth0"), CaptureFilter.of(IpProtocol.TCP));
            lab.probe(tcp("lan", "203.0.113.2", 80));
            lab.probe(tcp("lan", "203.0.113.2", 80));
            List<Integer> ports = segments(wan).stream().filter(t -> t.flagText().equals("[S]")).map(TcpSegment::srcPort).toList();
            assertEquals(List.of(32768, 32769), ports);
        }
    }

    @Test
    void closedPortAnswersRstAckAndConnectIsRefused() throws IOException {
        try (Lab lab = start(lab(Labs.firewall(true)))) {
            Capture wan = lab.capture(ref("wan", "eth0"), CaptureFilter.of(IpProtocol.TCP));
            Observation o = lab.probe(tcp("lan", "203.0.113.2", 81));
            assertEquals(Outcome.REFUSED, o.outcome(), () -> "nothing listens on 81: " + o);
            assertTrue(o.detail().contains("Connection refused") && o.detail().contains("RST from 203.0.113.2"), o.detail());
            List<TcpSegment> s = segments(wan);
            assertEquals(List.of("[S]", "[R.]"), s.stream().map(TcpSegment::flagText).toList());
            assertEquals(0, s.get(1).seq(), "RFC 793: a reset for a segment without ACK has sequence 0");
            assertEquals(s.get(0).seq() + 1, s.get(1).ack(), "and acknowledges the SYN");
        }
    }

    @Test
    void rejectWithPortUnreachableRefusesTheConnect() {
        Topology t = lab(Labs.firewallWithForward(Labs.rule(new Target.Reject("icmp-port-unreachable"), TCP,
                new Match.DestinationPort(80, 80, false))));
        try (Lab lab = start(t)) {
            Observation o = lab.probe(tcp("lan", "203.0.113.2", 80));
            assertEquals(Outcome.REFUSED, o.outcome(), () -> "tcp_v4_err turns port unreachable into ECONNREFUSED: " + o);
            assertTrue(o.detail().contains("from 192.168.1.1"), o.detail());
        }
    }

    @Test
    void rejectWithTcpResetAnswersInTheTargetsName() {
        Topology t = lab(Labs.firewallWithForward(Labs.rule(new Target.Reject("tcp-reset"), TCP, new Match.DestinationPort(80, 80, false))));
        try (Lab lab = start(t)) {
            Observation o = lab.probe(tcp("lan", "203.0.113.2", 80));
            assertEquals(Outcome.REFUSED, o.outcome(), () -> "the REJECT target's RST: " + o);
            assertTrue(o.detail().contains("RST from 203.0.113.2"), o.detail());
        }
    }

    @Test
    void rejectWithHostProhibitedIsUnreachable() {
        Topology t = lab(Labs.firewallWithForward(Labs.rule(new Target.Reject("icmp-host-prohibited"), TCP)));
        try (Lab lab = start(t)) {
            Observation o = lab.probe(tcp("lan", "203.0.113.2", 80));
            assertEquals(Outcome.UNREACHABLE, o.outcome(), () -> "EHOSTUNREACH: " + o);
            assertTrue(o.detail().contains("No route to host"), o.detail());
        }
    }

    @Test
    void dropRuleIsNamedWhenTheConnectTimesOut() {
        Topology t = lab(Labs.firewallWithForward(Labs.rule(new Target.Drop(), TCP, new Match.DestinationPort(80, 80, false))));
        try (Lab lab = start(t)) {
            Observation o = lab.probe(tcp("lan", "203.0.113.2", 80));
            assertEquals(Outcome.DROPPED, o.outcome(), () -> "the SYN is dropped in fw's FORWARD: " + o);
            assertEquals("-A FORWARD -p tcp -m tcp --dport 80 -j DROP", o.rule().orElseThrow().text());
            assertEquals(Outcome.REACHED, lab.probe(udp("lan", "203.0.113.2", 53)).outcome(), "--dport 80 with -p tcp leaves UDP alone");
        }
    }

    @Test
    void routerWithoutARouteMakesTheConnectUnreachable() {
        try (Lab lab = start(lab(Labs.firewall(true)))) {
            Observation o = lab.probe(tcp("lan", "198.51.100.7", 80));
            assertEquals(Outcome.UNREACHABLE, o.outcome(), () -> "fw answers net unreachable: " + o);
            assertTrue(o.detail().contains("Network is unreachable") && o.detail().contains("from 192.168.1.1"), o.detail());
        }
    }

    @Test
    void senderWithoutARouteSendsNothing() throws IOException {
        try (Lab lab = start(lab(Labs.firewall(true)))) {
            Capture c = lab.capture(ref("wan", "eth0"), CaptureFilter.ALL);
            Observation o = lab.probe(tcp("wan", "198.51.100.7", 80));
            assertEquals(Outcome.NO_ROUTE, o.outcome(), () -> "connect(2) fails with ENETUNREACH: " + o);
            Observation u = lab.probe(udp("wan", "198.51.100.7", 53));
            assertEquals(Outcome.NO_ROUTE, u.outcome(), () -> "sendto(2) too: " + u);
            assertEquals(List.of(), records(c), "nothing may leave wan:eth0");
        }
    }

    @Test
    void unansweredSynTimesOut() {
        try (Lab lab = start(Labs.bridged())) {
            Observation o = lab.probe(tcp("h1", "10.0.0.99", 80));
            assertEquals(Outcome.TIMEOUT, o.outcome(), () -> "nobody has 10.0.0.99: " + o);
        }
    }

    @Test
    void unresolvedNeighbourFailsTheConnectWithHostUnreachableAfterThreeSeconds() {
        try (Lab lab = start(Labs.bridged())) {
            Observation o = lab.probe(tcp("h1", "10.0.0.99", 80, Duration.ofSeconds(5)));
            assertEquals(Outcome.UNREACHABLE, o.outcome(), () -> "arp gives up after 3 requests: " + o);
            assertTrue(o.detail().contains("No route to host"), o.detail());
        }
    }

    @Test
    void defaultTimeoutSendsOneSyn() throws IOException {
        Topology t = lab(Labs.firewallWithForward(Labs.rule(new Target.Drop(), TCP)));
        try (Lab lab = start(t)) {
            Capture c = lab.capture(ref("lan", "eth0"), CaptureFilter.of(IpProtocol.TCP));
            lab.probe(tcp("lan", "203.0.113.2", 80));
            assertEquals(1, segments(c).size(), "nc -w 1 gives up when the first retransmission would leave");
        }
    }

    @Test
    void synIsRetransmittedAfterOneThreeAndSevenSeconds() throws IOException {
        Topology t = lab(Labs.firewallWithForward(Labs.rule(new Target.Drop(), TCP)));
        try (Lab lab = start(t)) {
            Capture c = lab.capture(ref("lan", "eth0"), CaptureFilter.of(IpProtocol.TCP));
            Observation o = lab.probe(tcp("lan", "203.0.113.2", 80, Duration.ofSeconds(10)));
            assertEquals(Outcome.DROPPED, o.outcome());
            List<PcapRecords.Rec> recs = records(c);
            long first = recs.getFirst().seconds() * 1_000_000 + recs.getFirst().micros();
            // the first SYN waited for ARP (some microseconds); the timer counts from connect()
            List<Long> offsets = recs.stream().map(r -> Math.round((r.seconds() * 1_000_000 + r.micros() - first) / 1e6)).toList();
            assertEquals(List.of(0L, 1L, 3L, 7L), offsets, "RTO 1 s, doubling");
            List<Integer> seqs = segments(c).stream().map(TcpSegment::seq).distinct().toList();
            assertEquals(1, seqs.size(), "a retransmitted SYN keeps its sequence number");
        }
    }

    @Test
    void droppedSynAckIsNamedAndTheServerRetransmitsIt() throws IOException {
        Topology t = lab(Labs.firewallWithForward(Labs.rule(new Target.Drop(), TCP, new Match.SourcePort(80, 80, false))));
        try (Lab lab = start(t)) {
            Capture wan = lab.capture(ref("wan", "eth0"), CaptureFilter.of(IpProtocol.TCP));
            Observation o = lab.probe(tcp("lan", "203.0.113.2", 80, Duration.ofSeconds(3)));
            assertEquals(Outcome.DROPPED, o.outcome(), () -> "the answer is dropped on its way back: " + o);
            assertEquals("-A FORWARD -p tcp -m tcp --sport 80 -j DROP", o.rule().orElseThrow().text());
            List<String> flags = segments(wan).stream().map(TcpSegment::flagText).toList();
            assertEquals(2, flags.stream().filter("[S]"::equals).count(), () -> "the SYN and its retransmission after 1 s: " + flags);
            // the retransmitted SYN is answered at once (restarting the SYN-ACK timer), and the timer fires 1 s later
            assertEquals(List.of("[S]", "[S.]", "[S]", "[S.]", "[S.]"), flags);
        }
    }

    @Test
    void connectToOwnAddressGoesOverLoopback() throws IOException {
        try (Lab lab = start(lab(Labs.firewall(true)))) {
            Capture lo = lab.capture(ref("wan", "lo"), CaptureFilter.of(IpProtocol.TCP));
            assertEquals(Outcome.REACHED, lab.probe(tcp("wan", "127.0.0.1", 80)).outcome());
            assertEquals(Outcome.REACHED, lab.probe(tcp("wan", "203.0.113.2", 80)).outcome());
            TcpSegment syn = segments(lo).getFirst();
            assertArrayEquals(TcpSegment.synOptions(65495), syn.options(), "lo's MTU of 65536 gives MSS 65495");
        }
    }

    @Test
    void listenerBoundToOneAddressRefusesTheOthers() {
        Topology t = Labs.withServices(Labs.firewall(true),
                new Listener("wan", IpProtocol.TCP, Ipv4Address.parse("203.0.113.2"), 80, Provenance.of("test")));
        try (Lab lab = start(t)) {
            assertEquals(Outcome.REACHED, lab.probe(tcp("wan", "203.0.113.2", 80)).outcome());
            assertEquals(Outcome.REFUSED, lab.probe(tcp("wan", "127.0.0.1", 80)).outcome(), "bound to 203.0.113.2 only");
        }
    }

    @Test
    void udpEchoIsReached() throws IOException {
        try (Lab lab = start(lab(Labs.firewall(true)))) {
            Capture c = lab.capture(ref("lan", "eth0"), CaptureFilter.of(IpProtocol.UDP));
            Observation o = lab.probe(udp("lan", "203.0.113.2", 53));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "wan echoes on udp 53: " + o);
            List<Ipv4Packet> p = packets(c);
            assertEquals(2, p.size(), "one datagram and its echo");
            UdpDatagram sent = assertInstanceOf(UdpDatagram.class, p.get(0).payload());
            UdpDatagram echo = assertInstanceOf(UdpDatagram.class, p.get(1).payload());
            assertEquals(sent.srcPort(), echo.dstPort());
            assertEquals(53, echo.srcPort());
            assertArrayEquals(sent.data(), echo.data());
        }
    }

    @Test
    void udpToAClosedPortIsRefusedByPortUnreachable() throws IOException {
        try (Lab lab = start(lab(Labs.firewall(true)))) {
            Capture c = lab.capture(ref("lan", "eth0"), CaptureFilter.of(IpProtocol.ICMP));
            Observation o = lab.probe(udp("lan", "203.0.113.2", 54));
            assertEquals(Outcome.REFUSED, o.outcome(), () -> "no socket on udp 54: " + o);
            IcmpMessage error = assertInstanceOf(IcmpMessage.class, packets(c).getFirst().payload());
            assertEquals(IcmpMessage.DEST_UNREACHABLE, error.type());
            assertEquals(IcmpMessage.CODE_PORT_UNREACHABLE, error.code());
            Ipv4Packet quoted = error.quoted().orElseThrow();
            assertEquals(Ipv4Address.parse("203.0.113.2"), quoted.dst(), "the error quotes the datagram");
        }
    }

    @Test
    void udpThatNobodyAnswersTimesOut() {
        try (Lab lab = start(Labs.bridged())) {
            Observation o = lab.probe(udp("h1", "10.0.0.99", 53));
            assertEquals(Outcome.TIMEOUT, o.outcome(), () -> "nobody has 10.0.0.99: " + o);
        }
    }

    @Test
    void udpDroppedByARuleNamesIt() {
        Topology t = lab(Labs.firewallWithForward(Labs.rule(new Target.Drop(), UDP, new Match.DestinationPort(53, 53, false))));
        try (Lab lab = start(t)) {
            Observation o = lab.probe(udp("lan", "203.0.113.2", 53));
            assertEquals(Outcome.DROPPED, o.outcome(), () -> "" + o);
            assertEquals("-A FORWARD -p udp -m udp --dport 53 -j DROP", o.rule().orElseThrow().text());
        }
    }

    @Test
    void statefulFirewallLetsTcpRepliesBackButNoNewConnectionsIn() {
        Topology t = Labs.withServices(lab(Labs.firewall(true)), Labs.tcpListener("lan", 22));
        try (Lab lab = start(t)) {
            assertEquals(Outcome.REACHED, lab.probe(tcp("lan", "203.0.113.2", 80)).outcome(), "replies are ESTABLISHED");
            Observation in = lab.probe(tcp("wan", "192.168.1.2", 22));
            assertEquals(Outcome.DROPPED, in.outcome(), () -> "a SYN from wan is NEW: " + in);
            assertEquals("policy DROP", in.rule().orElseThrow().text());
        }
    }

    @Test
    void sameSeedGivesIdenticalTcpCaptures() throws IOException {
        byte[] first = captureOfTcp(11);
        assertArrayEquals(first, captureOfTcp(11));
        assertFalse(java.util.Arrays.equals(first, captureOfTcp(12)), "another seed gives other MACs and ISNs");
    }

    private byte[] captureOfTcp(long seed) throws IOException {
        try (Lab lab = new SimBackend().start(lab(Labs.firewall(true)), options.withSeed(seed))) {
            Capture c = lab.capture(ref("fw", "wan0"), CaptureFilter.ALL);
            lab.probe(tcp("lan", "203.0.113.2", 80));
            lab.probe(tcp("lan", "203.0.113.2", 81));
            lab.probe(udp("lan", "203.0.113.2", 53));
            return Files.readAllBytes(c.stop());
        }
    }
}
