package io.netrig.sim;

import static io.netrig.model.topology.LinkRef.end;
import static io.netrig.sim.Labs.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.LinkName;
import io.netrig.model.topology.Bridge;
import io.netrig.model.topology.BridgePort;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.Macvlan;
import io.netrig.model.topology.MacvlanMode;
import io.netrig.model.topology.NamespaceKind;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import io.netrig.model.topology.Vlan;
import io.netrig.sim.wire.Dot1q;
import io.netrig.sim.wire.EthernetFrame;
import io.netrig.sim.wire.IcmpMessage;
import io.netrig.sim.wire.Ipv4Packet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 802.1Q sub-interfaces on hosts of one switch (br0, not VLAN-aware), and Docker's {@code -o parent=ens160.10}. */
class VlanLabTest extends SimLabTestSupport {
    @TempDir
    Path dir;

    /**
     * host1 and host2 on sw-lan; each has VLAN 10 and 20 sub-interfaces; host3 is on the segment untagged with an
     * address in VLAN 10's subnet. Containers: c10 (macvlan on host1's ens160.10) and c20 (macvlan on host2's
     * eth0.20), both in 10.10.0.0/24.
     */
    private static Topology vlans() {
        LinkName br0 = LinkName.of("br0");
        Topology.Builder b = Topology.builder("vlans")
                .namespace("sw-lan", NamespaceKind.SEGMENT, Provenance.of("segment lan"))
                .namespace("host1").namespace("host2").namespace("host3")
                .link(new Bridge(Iface.of(end("sw-lan", "br0")), Bridge.DEFAULT_AGEING, Provenance.of("switch of lan")));
        String[][] hosts = {{"host1", "ens160", "p1", "1"}, {"host2", "eth0", "p2", "2"}, {"host3", "eth0", "p3", "3"}};
        for (String[] h : hosts) {
            b.link(new Veth(Iface.of(end(h[0], h[1])), Iface.of(end("sw-lan", h[2])).withPort(BridgePort.of(br0)),
                    Provenance.of(h[0] + " on lan")));
        }
        for (int h = 0; h < 2; h++) {
            for (int vid : new int[] {10, 20}) {
                String sub = hosts[h][1] + "." + vid;
                b.link(new Vlan(Iface.of(end(hosts[h][0], sub)), end(hosts[h][0], hosts[h][1]), vid, Provenance.of("vlan " + sub)))
                        .address(end(hosts[h][0], sub), Ipv4Interface.parse("10." + vid + ".0." + hosts[h][3] + "/24"));
            }
        }
        b.address(end("host3", "eth0"), Ipv4Interface.parse("10.10.0.3/24"));
        b.namespace("c10").link(new Macvlan(Iface.of(end("c10", "eth0")), end("host1", "ens160.10"), MacvlanMode.BRIDGE,
                Provenance.of("c10 on -o parent=ens160.10"))).address(end("c10", "eth0"), Ipv4Interface.parse("10.10.0.10/24"));
        b.namespace("c20").link(new Macvlan(Iface.of(end("c20", "eth0")), end("host2", "eth0.20"), MacvlanMode.BRIDGE,
                Provenance.of("c20 on -o parent=eth0.20"))).address(end("c20", "eth0"), Ipv4Interface.parse("10.10.0.20/24"));
        return b.build();
    }

    private static List<byte[]> records(Capture capture) throws IOException {
        return PcapRecords.parse(Files.readAllBytes(capture.stop())).stream().map(PcapRecords.Rec::frame).toList();
    }

    @Test
    void vlanFramesLeaveTheParentTaggedAndArriveUntagged() throws IOException, InterruptedException {
        try (Lab lab = new SimBackend().start(vlans(), LabOptions.defaults().withWorkDir(dir))) {
            Capture wire = lab.capture(ref("sw-lan", "p1"), CaptureFilter.ALL);
            Capture sub = lab.capture(ref("host2", "eth0.10"), CaptureFilter.ALL);
            Observation o = lab.probe(ping("host1", "10.10.0.2"));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "expected host1 -> host2 over VLAN 10 to be answered: " + o);
            Path file = wire.stop();
            List<byte[]> onWire = PcapRecords.parse(Files.readAllBytes(file)).stream().map(PcapRecords.Rec::frame).toList();
            assertFalse(onWire.isEmpty());
            for (byte[] f : onWire) {
                assertEquals(0x81, f[12] & 0xff, "TPID 0x8100 after the MACs");
                assertEquals(0x00, f[13] & 0xff);
                assertEquals(10, (f[14] & 0x0f) << 8 | (f[15] & 0xff), "VID 10 in the tag");
            }
            List<byte[]> onSub = records(sub);
            assertFalse(onSub.isEmpty());
            assertTrue(onSub.stream().noneMatch(Dot1q::tagged), "the VLAN device sees its frames untagged");
            assertTrue(onSub.stream().map(EthernetFrame::decode).anyMatch(f -> f.payload() instanceof Ipv4Packet ip
                    && ip.payload() instanceof IcmpMessage m && m.type() == IcmpMessage.ECHO_REQUEST));
            assertTsharkVlanIds(file, onWire.size());
        }
    }

    private static void assertTsharkVlanIds(Path file, int frames) throws IOException, InterruptedException {
        Path tshark = Path.of("/usr/bin/tshark");
        for (String d : (System.getenv("PATH") == null ? "" : System.getenv("PATH")).split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "tshark"))) {
                tshark = Path.of(d, "tshark");
            }
        }
        if (!Files.isExecutable(tshark)) {
            System.err.println("VlanLabTest: SKIPPING the tshark vlan.id check: tshark is not installed");
        }
        assumeTrue(Files.isExecutable(tshark), "tshark is not installed: the vlan.id decode check is skipped");
        Process p = new ProcessBuilder(tshark.toString(), "-r", file.toString(), "-T", "fields", "-e", "vlan.id")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark did not finish");
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank()).toList();
        assertEquals(frames, lines.size(), () -> "tshark output: " + lines);
        assertTrue(lines.stream().allMatch("10"::equals), () -> "tshark decodes vlan.id 10 on every frame: " + lines);
    }

    @Test
    void containersOnDifferentVlansDoNotMeetWithoutARouter() {
        try (Lab lab = start(vlans())) {
            Observation same = lab.probe(ping("c10", "10.10.0.2"));
            assertEquals(Outcome.REACHED, same.outcome(), () -> "expected c10 (parent ens160.10) to reach host2's eth0.10: " + same);
            Observation other = lab.probe(ping("c10", "10.10.0.20"));
            assertEquals(Outcome.TIMEOUT, other.outcome(),
                    () -> "expected c10 on VLAN 10 and c20 on VLAN 20 (same subnet) not to meet but: " + other);
        }
    }

    @Test
    void untaggedStackIgnoresTaggedFrames() throws IOException {
        try (Lab lab = start(vlans())) {
            Capture host3 = lab.capture(ref("host3", "eth0"), CaptureFilter.ALL);
            Observation o = lab.probe(ping("host1", "10.10.0.3"));
            assertEquals(Outcome.TIMEOUT, o.outcome(), () -> "expected host3 (untagged) to ignore VLAN 10's ARP but: " + o);
            List<byte[]> seen = records(host3);
            assertFalse(seen.isEmpty(), "host3's NIC sees the flooded tagged ARP requests");
            assertTrue(seen.stream().allMatch(Dot1q::tagged), "and sends nothing back");
        }
    }

    @Test
    void protocolFiltersSeeThroughTags() throws IOException {
        try (Lab lab = start(vlans())) {
            Capture wire = lab.capture(ref("sw-lan", "p2"), CaptureFilter.of(IpProtocol.ICMP));
            lab.probe(ping("host1", "10.20.0.2"));
            List<byte[]> icmp = records(wire);
            assertEquals(2, icmp.size(), "the ICMP filter keeps the tagged echo request and reply");
            assertTrue(icmp.stream().allMatch(f -> Dot1q.tagged(f) && Dot1q.vid(f) == 20));
        }
    }
}
