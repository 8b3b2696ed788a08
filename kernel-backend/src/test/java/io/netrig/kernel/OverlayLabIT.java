package io.netrig.kernel;

import static io.netrig.model.topology.LinkRef.end;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.kernel.exec.Command;
import io.netrig.kernel.exec.CommandResult;
import io.netrig.kernel.exec.IpQuery;
import io.netrig.kernel.internal.KernelLab;
import io.netrig.model.backend.Backends;
import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.RuleRef;
import io.netrig.model.firewall.TableName;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.topology.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Docker overlay network across two hosts ({@link OverlayTopology}): VXLAN devices whose sockets are in the hosts'
 * namespaces, static FDB and neighbour entries, ARP answered by the VXLAN device, a firewall rule that breaks it.
 */
class OverlayLabIT extends KernelTestSupport {
    private static final Logger LOG = LoggerFactory.getLogger(OverlayLabIT.class);
    private static final Ipv4Prefix OVERLAY = Ipv4Prefix.parse("10.0.0.0/24");

    @TempDir
    Path work;

    private Lab start(Topology t) {
        long t0 = System.nanoTime();
        Lab lab = Backends.byName("kernel").start(t, LabOptions.defaults().withPrefix("kvx").withWorkDir(work));
        LOG.info("overlay lab '{}' with {} namespaces and {} links started in {} ms", t.name(), t.namespaces().size(),
                t.links().size(), (System.nanoTime() - t0) / 1_000_000);
        assertRootLinksUntouched("right after starting lab '" + t.name() + "'");
        return lab;
    }

    private Observation ping(Lab lab, int from, int to) {
        return lab.probe(Probe.Ping.of("c" + from, OverlayTopology.container(to)));
    }

    private static void assertReached(Observation o, String why) {
        assertEquals(Outcome.REACHED, o.outcome(), "expected " + o.probe().describe() + " to be answered (" + why + ") but: " + o);
    }

    /** tshark's fields for each packet, split on tabs; fails unless tshark reads the file cleanly. */
    private List<List<String>> tshark(Path pcap, String... fields) {
        List<String> argv = new ArrayList<>(List.of("tshark", "-r", pcap.toString(), "-T", "fields", "-E", "occurrence=a",
                "-E", "aggregator=,"));
        for (String f : fields) {
            argv.add("-e");
            argv.add(f);
        }
        CommandResult r = exec.result(Command.of(argv));
        assertEquals(0, r.exitCode(), "tshark could not read " + pcap + ": " + r.stderr());
        return r.stdout().lines().map(l -> Arrays.asList(l.split("\t", -1))).toList();
    }

    private List<String> linksOf(String kernelNs) {
        return IpQuery.linkNames(exec.run(IpQuery.links(Optional.of(kernelNs))).stdout()).stream().sorted().toList();
    }

    @Test
    void containersOnTwoHostsPingAcrossTheOverlayInVxlanWithoutArpOnTheUnderlay() {
        try (Lab lab = start(OverlayTopology.topology(1, false))) {
            String id = ((KernelLab) lab).id().toString();
            assertEquals(List.of("eth0", "lo"), linksOf(id + "-host1"), "host1 holds the VXLAN socket, not the device");
            assertEquals(List.of("br0", "lo", "veth1", "vxlan0"), linksOf(id + "-ov1"), "the overlay namespace holds vxlan0");

            Capture underlay = lab.capture(end("sw-lan", "br0"), CaptureFilter.ALL);
            assertReached(ping(lab, 1, 2), "c1 on host1 to c2 on host2 over VXLAN");
            assertReached(ping(lab, 2, 1), "c2 on host2 back to c1");
            List<List<String>> packets = tshark(underlay.stop(), "vxlan.vni", "arp.dst.proto_ipv4", "icmp.type");

            List<List<String>> inVxlan = packets.stream().filter(p -> !p.get(0).isEmpty()).toList();
            assertTrue(inVxlan.size() >= 4, "expected both echo requests and replies in VXLAN on the underlay: " + packets);
            assertTrue(inVxlan.stream().allMatch(p -> p.get(0).equals(String.valueOf(OverlayTopology.VNI))),
                    "every VXLAN packet on the underlay should carry VNI 4097: " + inVxlan);
            assertTrue(inVxlan.stream().allMatch(p -> p.get(1).isEmpty() && !p.get(2).isEmpty()),
                    "only the pings should cross in VXLAN, no ARP (vxlan0 answers ARP from the neighbour table): " + inVxlan);
            assertTrue(packets.stream().map(p -> p.get(1)).filter(a -> !a.isEmpty())
                            .noneMatch(a -> Arrays.stream(a.split(",")).anyMatch(x -> OVERLAY.contains(Ipv4Address.parse(x)))),
                    "no ARP for an overlay address may reach the underlay: " + packets);
        }
    }

    @Test
    void aHostDroppingVxlanInItsInputChainBreaksTheOverlayAndTheProbeNamesTheRule() {
        try (Lab lab = start(OverlayTopology.topology(1, true))) {
            Observation o = ping(lab, 1, 2);
            assertEquals(Outcome.DROPPED, o.outcome(), "expected c1 → c2 to be dropped by host2's INPUT rule on udp 4789 but: " + o);
            RuleRef rule = o.rule().orElseThrow();
            assertEquals(List.of("host2", TableName.FILTER, "INPUT", 1), List.of(rule.namespace(), rule.table(), rule.chain(), rule.index()),
                    "the observation should name host2's rule dropping udp dport 4789: " + o);
        }
    }

    @Test
    void anUpdateMovesContainersBetweenHostsAndRemakesAChangedVxlan() {
        try (Lab lab = start(OverlayTopology.topology(1, false))) {
            assertReached(ping(lab, 1, 2), "before the update");
            // c2 moves to host1, c3 and c4 appear on host2: veths, FDB and neighbour entries change
            long t0 = System.nanoTime();
            lab.update(OverlayTopology.topology(2, false));
            LOG.info("overlay update 1+1 -> 2+2 containers in {} ms", (System.nanoTime() - t0) / 1_000_000);
            assertReached(ping(lab, 1, 3), "c1 to c3, new on host2");
            assertReached(ping(lab, 2, 4), "c2, now on host1, to c4 on host2");
            assertReached(ping(lab, 1, 2), "c1 to c2, now on the same host's br0");
            // another VNI on both hosts: both vxlan0 are made again, with their ports, FDB and neighbour entries
            lab.update(OverlayTopology.topology(2, false, 4098));
            assertReached(ping(lab, 4, 1), "c4 to c1 over the re-made vxlan0 (VNI 4098)");
            lab.update(OverlayTopology.topology(1, false));
            assertReached(ping(lab, 2, 1), "c2 back on host2, VNI 4097 again");
        }
    }

    @Test
    void twentyContainersPerHostReachTheirPeersAcrossTheOverlay() {
        int n = 20;
        try (Lab lab = start(OverlayTopology.topology(n, false))) {
            List<Probe> pings = IntStream.rangeClosed(1, n)
                    .mapToObj(i -> (Probe) Probe.Ping.of("c" + i, OverlayTopology.container(n + i))).toList();
            List<Observation> all = lab.probeAll(pings);
            all.forEach(o -> assertReached(o, "each container on host1 to its peer on host2"));
            long[] millis = new long[10];
            for (int i = 0; i < millis.length; i++) {
                long t0 = System.nanoTime();
                assertReached(ping(lab, 1, n + 1), "repeated ping");
                millis[i] = (System.nanoTime() - t0) / 1_000_000;
            }
            Arrays.sort(millis);
            LOG.info("ping probe c1 -> c{} across the overlay: median {} ms, min {} ms, max {} ms", n + 1, millis[millis.length / 2],
                    millis[0], millis[millis.length - 1]);
        }
    }
}
