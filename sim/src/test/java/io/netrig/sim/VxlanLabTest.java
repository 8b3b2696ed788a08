package io.netrig.sim;

import static io.netrig.model.topology.LinkRef.end;
import static io.netrig.sim.Labs.ref;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.firewall.Match;
import io.netrig.model.firewall.Policy;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.firewall.Table;
import io.netrig.model.firewall.TableName;
import io.netrig.model.firewall.Target;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.LinkName;
import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.Bridge;
import io.netrig.model.topology.BridgePort;
import io.netrig.model.topology.FdbEntry;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.NamespaceKind;
import io.netrig.model.topology.NeighbourEntry;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import io.netrig.model.topology.Vxlan;
import io.netrig.sim.device.VxlanDevice;
import io.netrig.sim.wire.ArpPacket;
import io.netrig.sim.wire.EthernetFrame;
import io.netrig.sim.wire.IcmpMessage;
import io.netrig.sim.wire.Ipv4Packet;
import io.netrig.sim.wire.UdpDatagram;
import io.netrig.sim.wire.VxlanHeader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker's overlay network on a simulated LAN: each host has an overlay namespace with br0, vxlan0 (a port of br0,
 * its socket in the host's namespace) and a container's veth, and the hosts' VTEPs meet on the segment sw.
 */
class VxlanLabTest extends SimLabTestSupport {
    private static final int VNI = 4097;
    private static final LinkName BR0 = LinkName.of("br0");

    @TempDir
    Path dir;

    /** The knobs of the overlay lab; defaults are Docker's: static FDB and neighbour entries, proxy, no learning. */
    private static final class Overlay {
        int hosts = 2;
        boolean learning;
        boolean proxy = true;
        boolean staticEntries = true;
        boolean underlayNeighbours;
        int underlayMtu = 1500;
        int vxlanMtu = 1450;
        int lastHostVni = VNI;

        static Ipv4Address hostIp(int i) {
            return Ipv4Address.parse("10.3.1." + (44 + i));
        }

        static Ipv4Address containerIp(int i) {
            return Ipv4Address.parse("10.0.0." + (1 + i));
        }

        static MacAddress containerMac(int i) {
            return MacAddress.parse("02:42:0a:00:00:0" + (1 + i));
        }

        static MacAddress hostMac(int i) {
            return MacAddress.parse("02:00:0a:03:01:0" + i);
        }

        Topology.Builder builder() {
            Topology.Builder b = Topology.builder("overlay")
                    .namespace("sw", NamespaceKind.SEGMENT, Provenance.of("segment lan"))
                    .link(new Bridge(Iface.of(end("sw", "br0")), Bridge.DEFAULT_AGEING, Provenance.of("switch of lan")));
            for (int i = 1; i <= hosts; i++) {
                String host = "host" + i;
                String ov = "ov" + i;
                String c = "c" + i;
                b.namespace(host, NamespaceKind.HOST, Provenance.of("host " + host))
                        .link(new Veth(Iface.of(end(host, "ens160")).withMac(hostMac(i)).withMtu(underlayMtu),
                                Iface.of(end("sw", "p" + i)).withPort(BridgePort.of(BR0)), Provenance.of(host + " on lan")))
                        .address(end(host, "ens160"), new Ipv4Interface(hostIp(i), 24));
                b.namespace(ov, NamespaceKind.CONTAINER, Provenance.of("overlay namespace of " + host))
                        .link(new Bridge(Iface.of(end(ov, "br0")).withMtu(vxlanMtu), Bridge.DEFAULT_AGEING, Provenance.of("br0 of " + ov)))
                        .link(new Vxlan(Iface.of(end(ov, "vxlan0")).withMtu(vxlanMtu).withPort(BridgePort.of(BR0)), host,
                                i == hosts ? lastHostVni : VNI, Vxlan.DEFAULT_PORT, Optional.empty(), learning, proxy,
                                Provenance.of("vxlan0 of " + ov)));
                b.namespace(c, NamespaceKind.CONTAINER, Provenance.of("container " + c))
                        .link(new Veth(Iface.of(end(c, "eth0")).withMac(containerMac(i)).withMtu(vxlanMtu),
                                Iface.of(end(ov, "veth0")).withMtu(vxlanMtu).withPort(BridgePort.of(BR0)), Provenance.of(c + " on the overlay")))
                        .address(end(c, "eth0"), new Ipv4Interface(containerIp(i), 24));
                for (int j = 1; j <= hosts; j++) {
                    if (j == i) {
                        continue;
                    }
                    Provenance p = Provenance.of("peer " + j + " seen by " + host);
                    b.fdb(new FdbEntry(end(ov, "vxlan0"), staticEntries ? containerMac(j) : MacAddress.ZERO, hostIp(j), p));
                    if (proxy) {
                        b.neighbour(new NeighbourEntry(end(ov, "vxlan0"), containerIp(j), containerMac(j), p));
                    }
                    if (underlayNeighbours) {
                        b.neighbour(new NeighbourEntry(end(host, "ens160"), hostIp(j), hostMac(j), p));
                    }
                }
            }
            return b;
        }

        Topology build() {
            return builder().build();
        }
    }

    private static Probe.Ping ping(String from, Ipv4Address to, int count) {
        return new Probe.Ping(from, to, to.toString(), count, Probe.Ping.DEFAULT_TIMEOUT);
    }

    private static Ruleset dropVxlan(String ns, String chain) {
        Match udp = new Match.Protocol(IpProtocol.UDP, false);
        Match vxlanPort = new Match.DestinationPort(Vxlan.DEFAULT_PORT, Vxlan.DEFAULT_PORT, false);
        List<String> chains = List.of("INPUT", "FORWARD", "OUTPUT");
        Table filter = new Table(TableName.FILTER, chains.stream()
                .map(c -> c.equals(chain) ? Labs.builtin(c, Policy.ACCEPT, Labs.rule(new Target.Drop(), udp, vxlanPort))
                        : Labs.builtin(c, Policy.ACCEPT))
                .toList());
        return new Ruleset(ns, List.of(filter));
    }

    private static List<EthernetFrame> frames(Capture capture) throws IOException {
        return PcapRecords.parse(Files.readAllBytes(capture.stop())).stream().map(r -> EthernetFrame.decode(r.frame())).toList();
    }

    /** An outer VXLAN packet as captured on the underlay. */
    private record Encapsulated(Ipv4Packet outer, UdpDatagram udp, int vni, EthernetFrame inner) {
    }

    private static List<Encapsulated> vxlanPackets(List<EthernetFrame> frames) {
        List<Encapsulated> out = new ArrayList<>();
        for (EthernetFrame f : frames) {
            if (f.payload() instanceof Ipv4Packet ip && ip.payload() instanceof UdpDatagram u && u.dstPort() == Vxlan.DEFAULT_PORT) {
                VxlanHeader h = VxlanHeader.decode(u.data()).orElseThrow(() -> new AssertionError("no VXLAN header in " + ip.summary()));
                out.add(new Encapsulated(ip, u, h.vni(), EthernetFrame.decode(VxlanHeader.inner(u.data()))));
            }
        }
        return out;
    }

    private static SimLab sim(Lab lab) {
        return (SimLab) lab;
    }

    @Test
    void containersOnTwoHostsPingEachOtherThroughTheOverlay() throws IOException, InterruptedException {
        Path pcap = dir.resolve("p1.pcap");
        try (Lab lab = start(new Overlay().build())) {
            Capture wire = lab.capture(ref("sw", "p1"), CaptureFilter.ALL);
            Observation o = lab.probe(ping("c1", Overlay.containerIp(2), 3));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "expected c1 -> c2 across hosts over VXLAN to be answered: " + o);
            Files.write(pcap, Files.readAllBytes(wire.stop()));
        }
        List<Encapsulated> vx = vxlanPackets(PcapRecords.parse(Files.readAllBytes(pcap)).stream().map(r -> EthernetFrame.decode(r.frame())).toList());
        assertEquals(6, vx.size(), () -> "three requests and three replies encapsulated: " + vx);
        Encapsulated request = vx.getFirst();
        assertEquals(Overlay.hostIp(1), request.outer().src(), "the outer source is host1's address towards host2");
        assertEquals(Overlay.hostIp(2), request.outer().dst());
        assertEquals(VNI, request.vni());
        assertEquals(64, request.outer().ttl(), "outer TTL 64");
        assertFalse(request.outer().dontFragment(), "DF is clear on VXLAN packets");
        assertTrue(request.inner().payload() instanceof Ipv4Packet in && in.payload() instanceof IcmpMessage m
                && m.type() == IcmpMessage.ECHO_REQUEST && in.src().equals(Overlay.containerIp(1)), () -> "inner echo request: " + request);
        int sport = request.udp().srcPort();
        assertTrue(sport >= 32768 && sport <= 60999, () -> "source port in the local port range: " + sport);
        List<Integer> requestPorts = vx.stream().filter(e -> e.outer().src().equals(Overlay.hostIp(1))).map(e -> e.udp().srcPort()).distinct().toList();
        assertEquals(List.of(sport), requestPorts, "one flow, one source port");
        assertTshark(pcap);
    }

    /** {@code tshark -T fields -e vxlan.vni -e ip.src}: Wireshark's VXLAN dissector agrees with the encoding. */
    private static void assertTshark(Path pcap) throws IOException, InterruptedException {
        Optional<Path> tshark = tshark();
        if (tshark.isEmpty()) {
            System.err.println("WARNING: tshark is not installed: VxlanLabTest does NOT check the capture with Wireshark's VXLAN dissector");
            return;
        }
        Process p = new ProcessBuilder(tshark.get().toString(), "-r", pcap.toString(), "-n", "-Y", "vxlan", "-T", "fields",
                "-e", "vxlan.vni", "-e", "ip.src").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark finished");
        assertEquals(0, p.exitValue(), "tshark exit status");
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(6, lines.size(), () -> "tshark sees six VXLAN packets: " + out);
        String first = lines.getFirst();
        assertTrue(first.startsWith(VNI + "\t"), () -> "VNI decoded: " + first);
        assertTrue(first.contains(Overlay.hostIp(1) + ",") && first.contains(Overlay.containerIp(1).toString()),
                () -> "outer and inner sources decoded: " + first);
    }

    private static Optional<Path> tshark() {
        String path = System.getenv("PATH") == null ? "" : System.getenv("PATH");
        for (String d : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(d, "tshark");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Test
    void dropOfUdp4789InTheReceivingHostsInputBreaksTheOverlay() {
        Topology t = new Overlay().builder().ruleset(dropVxlan("host2", "INPUT")).build();
        try (Lab lab = start(t)) {
            Observation o = lab.probe(ping("c1", Overlay.containerIp(2), 1));
            assertEquals(Outcome.DROPPED, o.outcome(), () -> "expected host2's INPUT rule to drop the VXLAN packet: " + o);
            assertEquals("host2", o.rule().orElseThrow().namespace());
            assertEquals("INPUT", o.rule().orElseThrow().chain(), () -> "the observation names the rule: " + o.rule());
        }
    }

    @Test
    void dropOfUdp4789InTheSendingHostsOutputBreaksTheOverlay() {
        Topology t = new Overlay().builder().ruleset(dropVxlan("host1", "OUTPUT")).build();
        try (Lab lab = start(t)) {
            Observation o = lab.probe(ping("c1", Overlay.containerIp(2), 1));
            assertEquals(Outcome.DROPPED, o.outcome(), () -> "expected host1's OUTPUT rule to drop the VXLAN packet: " + o);
            assertEquals("host1", o.rule().orElseThrow().namespace());
            assertEquals("OUTPUT", o.rule().orElseThrow().chain());
            Observation back = lab.probe(ping("c2", Overlay.containerIp(1), 1));
            assertEquals(Outcome.DROPPED, back.outcome(), () -> "the replies from host1 are dropped too: " + back);
        }
    }

    @Test
    void proxyAnswersArpSoNoArpCrossesTheUnderlay() throws IOException {
        Overlay overlay = new Overlay();
        overlay.underlayNeighbours = true;
        try (Lab lab = start(overlay.build())) {
            Capture wire = lab.capture(ref("sw", "p2"), CaptureFilter.ALL);
            Capture container = lab.capture(ref("c1", "eth0"), CaptureFilter.ALL);
            Observation o = lab.probe(ping("c1", Overlay.containerIp(2), 1));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "expected c1 -> c2 to be answered: " + o);
            List<EthernetFrame> onWire = frames(wire);
            assertFalse(onWire.isEmpty());
            assertTrue(onWire.stream().noneMatch(f -> f.payload() instanceof ArpPacket),
                    () -> "permanent neighbours for the VTEPs: no ARP at all on the underlay: " + onWire.stream().map(EthernetFrame::summary).toList());
            assertTrue(vxlanPackets(onWire).stream().noneMatch(e -> e.inner().payload() instanceof ArpPacket),
                    "no ARP inside VXLAN either: vxlan0 answers it");
            ArpPacket reply = frames(container).stream().filter(f -> f.payload() instanceof ArpPacket a && !a.isRequest())
                    .map(f -> (ArpPacket) f.payload()).findFirst().orElseThrow(() -> new AssertionError("c1 got no ARP reply"));
            assertEquals(Overlay.containerMac(2), reply.senderMac(), "the proxy answers with c2's MAC from the neighbour entry");
        }
    }

    @Test
    void proxyDropsArpForAddressesWithoutANeighbourEntry() {
        try (Lab lab = start(new Overlay().build())) {
            Observation o = lab.probe(ping("c1", Ipv4Address.parse("10.0.0.99"), 1));
            assertTrue(o.outcome() == Outcome.UNREACHABLE || o.outcome() == Outcome.TIMEOUT, () -> "nobody answers: " + o);
            assertTrue(o.path().stream().anyMatch(s -> s.contains("no neighbour entry for 10.0.0.99")), () -> "the trace says why: " + o.path());
        }
    }

    @Test
    void learningVtepsLearnRemoteMacsFromReceivedPacketsAndAgeThemOut() {
        Overlay overlay = new Overlay();
        overlay.learning = true;
        overlay.proxy = false;
        overlay.staticEntries = false;
        try (Lab lab = start(overlay.build())) {
            Observation o = lab.probe(ping("c1", Overlay.containerIp(2), 1));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "expected c1 -> c2 with ARP flooded to the default VTEP: " + o);
            VxlanDevice v2 = (VxlanDevice) sim(lab).network().device(ref("ov2", "vxlan0"));
            VxlanDevice v1 = (VxlanDevice) sim(lab).network().device(ref("ov1", "vxlan0"));
            assertEquals(List.of(Overlay.hostIp(1)), v2.remotesOf(Overlay.containerMac(1)), "host2 learnt c1's MAC behind host1");
            assertEquals(List.of(Overlay.hostIp(2)), v1.remotesOf(Overlay.containerMac(2)), "host1 learnt c2's MAC behind host2");
            sim(lab).network().sim().runUntil(sim(lab).network().sim().now() + Duration.ofSeconds(301).toNanos());
            assertEquals(List.of(), v2.remotesOf(Overlay.containerMac(1)), "the learnt entry ages out after 300 s");
        }
    }

    @Test
    void withoutLearningOnlyStaticEntriesCount() {
        Overlay overlay = new Overlay();
        overlay.proxy = false;
        overlay.staticEntries = false;
        try (Lab lab = start(overlay.build())) {
            assertEquals(Outcome.REACHED, lab.probe(ping("c1", Overlay.containerIp(2), 1)).outcome(), "flooded to the default VTEP");
            VxlanDevice v2 = (VxlanDevice) sim(lab).network().device(ref("ov2", "vxlan0"));
            assertEquals(List.of(Overlay.hostIp(1)), v2.remotesOf(MacAddress.ZERO));
            assertEquals(List.of(), v2.remotesOf(Overlay.containerMac(1)), "nolearning: nothing learnt");
        }
    }

    @Test
    void broadcastsAreReplicatedToEveryDefaultVtep() throws IOException {
        Overlay overlay = new Overlay();
        overlay.hosts = 3;
        overlay.proxy = false;
        overlay.staticEntries = false;
        try (Lab lab = start(overlay.build())) {
            Capture wire = lab.capture(ref("sw", "p1"), CaptureFilter.ALL);
            assertEquals(Outcome.REACHED, lab.probe(ping("c1", Overlay.containerIp(3), 1)).outcome());
            List<Encapsulated> arp = vxlanPackets(frames(wire)).stream()
                    .filter(e -> e.inner().payload() instanceof ArpPacket a && a.isRequest() && e.outer().src().equals(Overlay.hostIp(1))).toList();
            assertEquals(List.of(Overlay.hostIp(2), Overlay.hostIp(3)), arp.stream().map(e -> e.outer().dst()).toList(),
                    "head-end replication: c1's ARP request goes to both default VTEPs");
        }
    }

    @Test
    void packetsForAnUnknownVniAreDropped() {
        Overlay overlay = new Overlay();
        overlay.lastHostVni = VNI + 1;
        try (Lab lab = start(overlay.build())) {
            Observation o = lab.probe(ping("c1", Overlay.containerIp(2), 1));
            assertEquals(Outcome.TIMEOUT, o.outcome(), () -> "host2 has no device with VNI " + VNI + ": " + o);
            assertTrue(o.path().stream().anyMatch(s -> s.contains("for VNI " + VNI + ", which no device")), () -> "the trace says why: " + o.path());
        }
    }

    @Test
    void anOuterPacketLargerThanTheUnderlayMtuIsDroppedWithAReason() {
        Overlay overlay = new Overlay();
        overlay.underlayMtu = 120;  // a ping's 98-byte frame needs 148 bytes of IP outside
        overlay.vxlanMtu = 100;
        try (Lab lab = start(overlay.build())) {
            Observation o = lab.probe(ping("c1", Overlay.containerIp(2), 1));
            assertEquals(Outcome.TIMEOUT, o.outcome(), () -> "the VXLAN packet does not fit ens160: " + o);
            assertTrue(o.path().stream().anyMatch(s -> s.contains("exceeds the MTU 120 of ens160")), () -> "the trace says why: " + o.path());
        }
    }

    @Test
    void anInnerFrameLargerThanTheVxlanMtuIsNotSent() {
        Overlay overlay = new Overlay();
        overlay.vxlanMtu = 80;  // a ping's IPv4 packet has 84 bytes
        try (Lab lab = start(overlay.build())) {
            Observation o = lab.probe(ping("c1", Overlay.containerIp(2), 1));
            assertEquals(Outcome.TIMEOUT, o.outcome(), () -> "the frame does not fit vxlan0: " + o);
            assertTrue(o.path().stream().anyMatch(s -> s.contains("exceeds the vxlan MTU 80")), () -> "the trace says why: " + o.path());
        }
    }

    @Test
    void theSameSeedGivesTheSamePcapBytes() throws IOException {
        byte[][] runs = new byte[2][];
        for (int run = 0; run < 2; run++) {
            try (Lab lab = start(new Overlay().build())) {
                Capture wire = lab.capture(ref("sw", "p1"), CaptureFilter.ALL);
                lab.probe(ping("c1", Overlay.containerIp(2), 2));
                lab.probe(Probe.Udp.of("c2", Overlay.containerIp(1), 53));
                runs[run] = Files.readAllBytes(wire.stop());
            }
        }
        assertTrue(runs[0].length > 24 * 4, "the capture holds frames");
        assertArrayEquals(runs[0], runs[1], "same topology and seed, same pcap bytes");
    }

    @Test
    void updateAddsAndRemovesTheOverlayFdbAndNeighbourEntries() {
        Topology full = new Overlay().build();
        Topology withoutPeers = new Topology(full.name(), full.namespaces(), full.links(), full.addresses(), full.routes(), full.sysctls(),
                full.rulesets(), full.services(), full.aliases(), full.resolvers(), List.of(), List.of());
        Topology underlayOnly = new Topology(full.name(),
                full.namespaces().stream().filter(n -> n.name().startsWith("host") || n.name().equals("sw")).toList(),
                full.links().stream().filter(l -> l.ifaces().stream().allMatch(i -> i.ref().namespace().startsWith("host")
                        || i.ref().namespace().equals("sw"))).toList(),
                full.addresses().stream().filter(a -> a.ref().namespace().startsWith("host")).toList(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        try (Lab lab = start(underlayOnly)) {
            assertEquals(Outcome.REACHED, lab.probe(ping("host1", Overlay.hostIp(2), 1)).outcome(), "the underlay works alone");
            lab.update(full);
            Observation o = lab.probe(ping("c1", Overlay.containerIp(2), 1));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "after the overlay appeared, c1 -> c2 works: " + o);
            lab.update(withoutPeers);
            // c1 still knows c2's MAC from the proxy's earlier answer; forget it so that c1 asks again
            sim(lab).network().stack("c1").removeNeighbour(sim(lab).network().device(ref("c1", "eth0")), Overlay.containerIp(2));
            Observation gone = lab.probe(ping("c1", Overlay.containerIp(2), 1));
            assertTrue(gone.outcome() == Outcome.UNREACHABLE || gone.outcome() == Outcome.TIMEOUT,
                    () -> "without FDB and neighbour entries the proxy has nothing to answer: " + gone);
            assertTrue(gone.path().stream().anyMatch(s -> s.contains("no neighbour entry for " + Overlay.containerIp(2))), () -> "why: " + gone.path());
            lab.update(full);
            assertEquals(Outcome.REACHED, lab.probe(ping("c1", Overlay.containerIp(2), 1)).outcome(), "entries back, overlay back");
            lab.update(underlayOnly);
            assertFalse(sim(lab).network().devices().containsKey(ref("ov1", "vxlan0")), "vxlan0 is gone");
            Observation closed = lab.probe(Probe.Udp.of("host1", Overlay.hostIp(2), Vxlan.DEFAULT_PORT));
            assertEquals(Outcome.REFUSED, closed.outcome(), () -> "with its last device gone, host2's VXLAN socket is closed: " + closed);
        }
    }
}
