package io.netrig.sim;

import static io.netrig.sim.Labs.ref;
import static io.netrig.sim.TransportLabTest.packets;
import static io.netrig.sim.TransportLabTest.segments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.PortProxy;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.Sysctl;
import io.netrig.model.topology.Topology;
import io.netrig.sim.wire.IcmpMessage;
import io.netrig.sim.wire.InternetChecksum;
import io.netrig.sim.wire.Ipv4Packet;
import io.netrig.sim.wire.OpaqueIpPayload;
import io.netrig.sim.wire.TcpSegment;
import io.netrig.sim.wire.UdpDatagram;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code docker run -p 8080:80 -p 8053:53/udp -p 8054:54/udp web} on the default bridge, with and without the userland
 * proxy: the DNAT of a published port seen from the LAN, from the host itself (nat OUTPUT), from another container
 * through the host's address (the reply is bridged and only br_netfilter lets conntrack undo the DNAT), over
 * 127.0.0.1 (route_localnet), and docker-proxy relaying TCP and UDP.
 */
class PublishedPortLabTest extends SimLabTestSupport {
    private static final Ipv4Address HOST = Ipv4Address.parse("10.0.0.1");
    private static final Ipv4Address WEB = Ipv4Address.parse("172.17.0.2");
    private static final Ipv4Address GATEWAY = Ipv4Address.parse("172.17.0.1");
    private static final Ipv4Address LOCALHOST = Ipv4Address.parse("127.0.0.1");

    private static Probe.Tcp tcp(String from, Ipv4Address to, int port) {
        return Probe.Tcp.of(from, to, port);
    }

    private static Probe.Udp udp(String from, Ipv4Address to, int port) {
        return Probe.Udp.of(from, to, port);
    }

    @Test
    void lanPeerReachesThePublishedPortThroughDnat() throws IOException {
        try (Lab lab = start(Labs.published(true))) {
            Capture web = lab.capture(ref("web", "eth0"), CaptureFilter.of(IpProtocol.TCP));
            Observation o = lab.probe(tcp("lan", HOST, 8080));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "10.0.0.1:8080 is DNATed to web:80: " + o);
            Ipv4Packet syn = packets(web).getFirst();
            assertEquals(Ipv4Address.parse("10.0.0.2"), syn.src(), "the peer's address is kept (no MASQUERADE from eth0)");
            assertEquals(WEB, syn.dst());
            assertEquals(80, ((TcpSegment) syn.payload()).dstPort(), "--to-destination 172.17.0.2:80 changes the port");
            assertTrue(o.path().stream().anyMatch(s -> s.contains("DNAT 10.0.0.1:8080 -> 172.17.0.2:80")), () -> "path: " + o.path());
        }
    }

    @Test
    void hostReachesItsOwnPublishedPortThroughNatOutput() throws IOException {
        try (Lab lab = start(Labs.published(true))) {
            Capture web = lab.capture(ref("web", "eth0"), CaptureFilter.of(IpProtocol.TCP));
            Observation o = lab.probe(tcp("host", HOST, 8080));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER: " + o);
            assertTrue(o.path().stream().anyMatch(s -> s.contains("re-routed after DNAT")), () -> "path: " + o.path());
            Ipv4Packet syn = packets(web).getFirst();
            assertEquals(HOST, syn.src(), "the source chosen before DNAT stays");
        }
    }

    @Test
    void containerReachesItsNeighboursPublishedPortViaTheHostAddress() throws IOException {
        try (Lab lab = start(Labs.published(false))) {
            Capture client = lab.capture(ref("client", "eth0"), CaptureFilter.of(IpProtocol.TCP));
            Capture web = lab.capture(ref("web", "eth0"), CaptureFilter.of(IpProtocol.TCP));
            Observation o = lab.probe(tcp("client", HOST, 8080));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "DNAT without ! -i docker0, reply un-DNATed on the bridge: " + o);
            assertEquals(Ipv4Address.parse("172.17.0.3"), packets(web).getFirst().src(), "no MASQUERADE between containers");
            Ipv4Packet synAck = packets(client).get(1);
            assertEquals(HOST, synAck.src(), "web's reply is bridged, and br_netfilter's POSTROUTING undoes the DNAT");
            assertEquals(8080, ((TcpSegment) synAck.payload()).srcPort());
        }
    }

    @Test
    void withoutBridgeNetfilterTheBridgedReplyKeepsTheContainerAddress() throws IOException {
        // br_netfilter's default in a new namespace is on: switch it off as `sysctl -w …=0` would
        Topology t = Labs.withSysctl(Labs.published(false), "host", Sysctl.BRIDGE_NF_CALL_IPTABLES, "0");
        try (Lab lab = start(t)) {
            Capture client = lab.capture(ref("client", "eth0"), CaptureFilter.of(IpProtocol.TCP));
            Observation o = lab.probe(tcp("client", HOST, 8080));
            assertEquals(Outcome.TIMEOUT, o.outcome(), () -> "the SYN-ACK comes from 172.17.0.2:80, which client never called: " + o);
            List<Ipv4Packet> p = packets(client);
            assertEquals(WEB, p.get(1).src(), "conntrack never sees the bridged reply");
            assertEquals("[R]", ((TcpSegment) p.get(2).payload()).flagText(), "client resets the unexpected SYN-ACK");
        }
    }

    @Test
    void localhostPublishedPortNeedsRouteLocalnetWithoutTheProxy() {
        try (Lab lab = start(Labs.published(false))) {
            Observation o = lab.probe(tcp("host", LOCALHOST, 8080));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "127.0.0.1:8080 DNATed out of docker0, then MASQUERADEd: " + o);
        }
        try (Lab lab = start(Labs.withoutSysctl(Labs.published(false), "host", Labs.ROUTE_LOCALNET_DOCKER0))) {
            Observation o = lab.probe(tcp("host", LOCALHOST, 8080));
            assertEquals(Outcome.TIMEOUT, o.outcome(), () -> "a 127/8 source may not leave docker0: " + o);
            assertTrue(o.path().stream().anyMatch(s -> s.contains("route_localnet=0")), () -> "path: " + o.path());
        }
    }

    @Test
    void dockerProxyAcceptsThenOpensItsOwnConnectionToTheContainer() throws IOException {
        try (Lab lab = start(Labs.published(true))) {
            Capture docker0 = lab.capture(ref("host", "docker0"), CaptureFilter.of(IpProtocol.TCP));
            Observation o = lab.probe(tcp("host", LOCALHOST, 8080));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "OUTPUT skips 127/8, so docker-proxy answers: " + o);
            List<Ipv4Packet> p = packets(docker0);
            Ipv4Packet syn = p.getFirst();
            assertEquals(GATEWAY, syn.src(), "the proxy's connection leaves from the address routing picks");
            assertEquals(WEB, syn.dst());
            List<String> flags = p.stream().map(x -> ((TcpSegment) x.payload()).flagText()).toList();
            assertEquals(List.of("[S]", "[S.]", "[.]", "[F.]", "[F.]", "[.]"), flags, "a full second connection, closed after the client's");
        }
    }

    @Test
    void containerReachesThePublishedPortThroughTheProxy() throws IOException {
        try (Lab lab = start(Labs.published(true))) {
            Capture web = lab.capture(ref("web", "eth0"), CaptureFilter.of(IpProtocol.TCP));
            Observation o = lab.probe(tcp("client", HOST, 8080));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "-A DOCKER -i docker0 -j RETURN leaves it to docker-proxy: " + o);
            assertEquals(GATEWAY, packets(web).getFirst().src());
        }
    }

    @Test
    void dockerProxyAcceptsEvenWhenNothingListensBehindIt() throws IOException {
        Topology t = Labs.withServices(Labs.published(true), new PortProxy("host", IpProtocol.TCP, Ipv4Address.ANY, 9090, WEB, 90,
                Provenance.of("docker-proxy to a dead port")));
        try (Lab lab = start(t)) {
            Capture lo = lab.capture(ref("host", "lo"), CaptureFilter.of(IpProtocol.TCP));
            Observation o = lab.probe(tcp("host", LOCALHOST, 9090));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "the client's handshake does not wait for the target: " + o);
            long fins = segments(lo).stream().filter(s -> s.has(TcpSegment.FIN)).count();
            assertEquals(2, fins, "the client closes, and the proxy closes when its dial is refused");
        }
    }

    @Test
    void udpThroughTheProxyIsEchoed() throws IOException {
        try (Lab lab = start(Labs.published(true))) {
            Capture lo = lab.capture(ref("host", "lo"), CaptureFilter.of(IpProtocol.UDP));
            Observation o = lab.probe(udp("host", LOCALHOST, 8053));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "docker-proxy relays to web:53 and back: " + o);
            Ipv4Packet reply = packets(lo).get(1);
            assertEquals(LOCALHOST, reply.src());
            assertEquals(8053, ((UdpDatagram) reply.payload()).srcPort());
            Observation fromGateway = lab.probe(udp("client", GATEWAY, 8053));
            assertEquals(Outcome.REACHED, fromGateway.outcome(), () -> "routing picks 172.17.0.1 towards the client: " + fromGateway);
        }
    }

    /**
     * docker-proxy of Docker 20.10 answers UDP from a socket bound to 0.0.0.0 with plain sendto, so the kernel picks
     * the source: 172.17.0.1 towards a container, not the 10.0.0.1 it asked (moby/libnetwork#1729, moby/moby#11998).
     */
    @Test
    void udpThroughTheProxyAnswersFromTheAddressRoutingPicks() throws IOException {
        try (Lab lab = start(Labs.published(true))) {
            Capture client = lab.capture(ref("client", "eth0"), CaptureFilter.ALL);
            Observation o = lab.probe(udp("client", HOST, 8053));
            assertEquals(Outcome.TIMEOUT, o.outcome(), () -> "the connected socket takes replies from 10.0.0.1:8053 only: " + o);
            List<Ipv4Packet> p = packets(client);
            Ipv4Packet reply = p.stream().filter(x -> x.payload() instanceof UdpDatagram u && u.srcPort() == 8053).findFirst().orElseThrow();
            assertEquals(GATEWAY, reply.src());
            assertTrue(p.stream().anyMatch(x -> x.payload() instanceof IcmpMessage m && m.code() == IcmpMessage.CODE_PORT_UNREACHABLE),
                    "the client answers the unexpected datagram with port unreachable");
        }
    }

    @Test
    void udpThroughTheProxyToASilentPortGetsNoAnswer() {
        try (Lab lab = start(Labs.published(true))) {
            Observation o = lab.probe(udp("client", HOST, 8054));
            assertEquals(Outcome.TIMEOUT, o.outcome(), () -> "web's port unreachable goes to the proxy, which ignores it: " + o);
        }
    }

    @Test
    void udpDnatPortUnreachableQuotesTheAddressTheClientUsed() throws IOException {
        try (Lab lab = start(Labs.published(true))) {
            Capture lan = lab.capture(ref("lan", "eth0"), CaptureFilter.of(IpProtocol.ICMP));
            Observation o = lab.probe(udp("lan", HOST, 8054));
            assertEquals(Outcome.REFUSED, o.outcome(), () -> "the error is translated back, so lan's socket hears it: " + o);
            Ipv4Packet error = packets(lan).getFirst();
            assertEquals(HOST, error.src(), "the error seems to come from the published address");
            IcmpMessage m = assertInstanceOf(IcmpMessage.class, error.payload());
            Ipv4Packet quoted = m.quoted().orElseThrow();
            assertEquals(HOST, quoted.dst(), "nf_nat_icmp_reply_translation restores the quoted destination");
            OpaqueIpPayload inner = assertInstanceOf(OpaqueIpPayload.class, quoted.payload());
            assertEquals(8054, inner.destinationPort());
            byte[] raw = m.encode(error.src(), error.dst());
            assertEquals(0, InternetChecksum.of(raw, 0, raw.length), "ICMP checksum over the rewritten quote");
            assertEquals(0, InternetChecksum.of(raw, 8, Ipv4Packet.HEADER_LENGTH), "quoted IP header checksum");
            byte[] datagram = java.util.Arrays.copyOfRange(raw, 8 + Ipv4Packet.HEADER_LENGTH, raw.length);
            assertEquals(0, InternetChecksum.transport(quoted.src(), quoted.dst(), UdpDatagram.PROTOCOL, datagram) & 0xffff,
                    "quoted UDP checksum updated with the addresses and port");
        }
    }

    @Test
    void masqueradeKeepsTheSourcePortUnlessAnotherConnectionHasIt() throws IOException {
        Topology t = Labs.withServices(Labs.published(true), Labs.tcpListener("lan", 22));
        try (Lab lab = start(t)) {
            Capture lan = lab.capture(ref("lan", "eth0"), CaptureFilter.of(IpProtocol.TCP));
            Ipv4Address peer = Ipv4Address.parse("10.0.0.2");
            assertEquals(Outcome.REACHED, lab.probe(tcp("client", peer, 22)).outcome());
            assertEquals(Outcome.REACHED, lab.probe(tcp("web", peer, 22)).outcome());
            List<Ipv4Packet> syns = packets(lan).stream().filter(p -> ((TcpSegment) p.payload()).flagText().equals("[S]")).toList();
            assertEquals(List.of(HOST, HOST), syns.stream().map(Ipv4Packet::src).toList(), "both MASQUERADEd to the host");
            // both containers start at 32768; the first connection is still in TIME_WAIT in conntrack
            assertEquals(List.of(32768, 32769), syns.stream().map(p -> ((TcpSegment) p.payload()).srcPort()).toList());
        }
    }

    @Test
    void publishedTcpPortDoesNotOpenUdp() {
        try (Lab lab = start(Labs.published(true))) {
            Observation o = lab.probe(udp("lan", HOST, 8080));
            assertEquals(Outcome.REFUSED, o.outcome(), () -> "-p tcp --dport 8080 leaves UDP to the host, which has no socket: " + o);
        }
    }
}
