package io.netrig.kernel.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.kernel.KernelTestSupport;
import io.netrig.kernel.exec.Command;
import io.netrig.kernel.exec.CommandResult;
import io.netrig.kernel.exec.IpQuery;
import io.netrig.model.backend.Backends;
import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Probe;
import io.netrig.model.check.Expectation;
import io.netrig.model.check.LabCheck;
import io.netrig.model.check.Verdict;
import io.netrig.model.lower.Lowering;
import io.netrig.model.spec.ValidatedLab;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multi-host lab rehearsed without VMs ({@link SshRehearsal}): two machines as namespaces joined by a veth underlay,
 * each with a real sshd; the kernel backend reaches them over SSH with a generated host map, ships its agent, and builds
 * each spec host's part there. The same spec run on this machine alone must give the same observations (outcome and
 * rule) for every expectation, and every expectation must hold.
 */
class RemoteHostsIT extends KernelTestSupport {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteHostsIT.class);
    private static final Map<String, String> HOSTS = Map.of("node1", "m1", "internet", "m1", "node2", "m2",
            "host1", "m1", "host2", "m2", "client", "m2");

    @TempDir
    Path dir;

    private record Run(List<Observation> observations, long startMillis, long probeMillis) {
    }

    private static ValidatedLab spec(String file) throws Exception {
        return YamlSpecLoader.loadValidated(Path.of("..").resolve(file));
    }

    private Run run(Topology t, List<Probe> probes, LabOptions options, String where, java.util.function.Consumer<Lab> extra) {
        long t0 = System.nanoTime();
        try (Lab lab = Backends.byName("kernel").start(t, options)) {
            long started = System.nanoTime();
            assertRootLinksUntouched("right after starting lab '" + t.name() + "' " + where);
            List<Observation> seen = lab.probeAll(probes);
            long probed = System.nanoTime();
            Observation first = lab.probe(probes.getFirst());
            long single = (System.nanoTime() - probed) / 1_000;
            extra.accept(lab);
            Run r = new Run(seen, (started - t0) / 1_000_000, (probed - started) / 1_000_000);
            LOG.info("lab '{}' {}: started in {} ms, {} probes in {} ms ({} ms per probe); one probe ({}, {}) alone in {} µs", t.name(),
                    where, r.startMillis(), probes.size(), r.probeMillis(), r.probeMillis() / Math.max(1, probes.size()),
                    first.probe().describe(), first.outcome(), single);
            return r;
        }
    }

    /** Runs a spec locally and over SSH and compares every expectation's observation. */
    private List<Observation> compare(String file, java.util.function.Consumer<Lab> remoteExtra) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/sshd")),
                "the SSH rehearsal needs Debian's openssh-server (/usr/sbin/sshd); .ci/run installs it");
        ValidatedLab lab = spec(file);
        Topology t = Lowering.lower(lab);
        List<Expectation> expectations = LabCheck.expectations(lab.spec(), t);
        List<Probe> probes = expectations.stream().map(Expectation::probe).toList();
        Run local = run(t, probes, LabOptions.defaults().withPrefix("rl").withWorkDir(dir.resolve("local")), "on this machine", l -> { });
        Run remote;
        List<Long> sshdPids;
        try (SshRehearsal machines = new SshRehearsal(exec, dir, HOSTS)) {
            sshdPids = machines.sshdPids();
            LabOptions options = LabOptions.defaults().withPrefix("rs").withWorkDir(dir.resolve("remote")).withHostMap(machines.hostMap());
            remote = run(t, probes, options, "over SSH on 2 machines (first run: agent jars copied)", remoteExtra);
            assertMachinesEmpty(machines, "after the lab over SSH closed");
            Run again = run(t, probes, options, "over SSH on 2 machines (jars cached)", l -> { });
            assertEquals(describe(remote.observations()), describe(again.observations()), "a second run over SSH saw something else");
            assertMachinesEmpty(machines, "after the second lab over SSH closed");
            // netrig clean --hosts: an agent on each machine looks for leftovers of its prefix; there are none
            List<String> cleaned = Backends.byName("kernel").removeLeftovers(options);
            assertEquals(List.of(), cleaned, "clean --hosts found leftovers after labs that closed");
        }
        for (long pid : sshdPids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "sshd " + pid + " still runs after the rehearsal");
        }
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            Observation l = local.observations().get(i);
            Observation r = remote.observations().get(i);
            if (!l.agreesWith(r)) {
                disagreements.add(probes.get(i).describe() + ": on this machine " + l.outcome() + " " + l.reason() + "; over SSH "
                        + r.outcome() + " " + r.reason());
            }
        }
        assertEquals(List.of(), disagreements, "the same spec gave other observations over SSH than on this machine");
        List<String> failed = IntStream.range(0, expectations.size())
                .mapToObj(i -> new Verdict(expectations.get(i), List.of(new Verdict.BackendObservation("kernel-ssh", remote.observations().get(i)))))
                .filter(v -> !v.passed()).map(v -> v.expectation().probe().describe() + " expected " + v.expectation().expected()
                        + " but " + v.observations().getFirst().observation()).toList();
        assertEquals(List.of(), failed, "expectations of " + file + " that do not hold over SSH");
        return remote.observations();
    }

    /** Nothing of a lab is left in the machines' namespaces: only their own links (lo, mgmt0, eth1). */
    private void assertMachinesEmpty(SshRehearsal machines, String when) {
        for (int m = 1; m <= 2; m++) {
            String ns = machines.machineNamespace(m);
            List<String> links = IpQuery.linkNames(exec.run(IpQuery.links(java.util.Optional.of(ns))).stdout()).stream().sorted().toList();
            assertEquals(List.of("eth1", "lo", "mgmt0"), links, "machine m" + m + " has other links " + when);
        }
    }

    private static List<String> describe(List<Observation> observations) {
        return observations.stream().map(o -> o.probe().describe() + " " + o.outcome() + o.rule().map(r -> " " + r).orElse("")).toList();
    }

    @Test
    void overlayAcrossTwoMachinesGivesTheLocalOutcomesWithVxlanOnTheUnderlay() throws Exception {
        List<Path> pcaps = new ArrayList<>();
        compare("lab-vagrant/overlay.yaml", lab -> {
            // web (node1, machine m1) pings db (node2, machine m2): the capture runs on m1, on node1's underlay NIC
            Capture c = lab.capture(LinkRef.end("sw-underlay", "p1"), CaptureFilter.ALL);
            String db = lab.topology().addresses().stream().filter(a -> a.ref().namespace().equals("db"))
                    .map(a -> a.address().address().toString()).filter(a -> a.startsWith("10.0.")).findFirst().orElseThrow();
            lab.probe(Probe.Ping.of("web", io.netrig.model.net.Ipv4Address.parse(db)));
            pcaps.add(c.stop());
        });
        Path pcap = pcaps.getFirst();
        assertTrue(Files.size(pcap) > 24, "the underlay capture " + pcap + " copied back from machine m1 is empty");
        List<List<String>> packets = tshark(pcap, "udp.dstport", "vxlan.vni", "icmp.type", "ip.src");
        List<List<String>> vxlanIcmp = packets.stream().filter(p -> p.get(0).contains("4789") && !p.get(1).isEmpty() && !p.get(2).isEmpty()).toList();
        assertFalse(vxlanIcmp.isEmpty(), "expected ICMP inside VXLAN (UDP 4789) on node1's underlay NIC, but the capture has: " + packets);
        assertTrue(vxlanIcmp.stream().allMatch(p -> p.get(1).equals("4097")), "expected VNI 4097 (overlay 'app') on every VXLAN packet: " + vxlanIcmp);
        assertTrue(vxlanIcmp.stream().anyMatch(p -> p.get(2).contains("8")) && vxlanIcmp.stream().anyMatch(p -> p.get(2).contains("0")),
                "expected an echo request and its reply inside VXLAN: " + vxlanIcmp);
    }

    @Test
    void directRoutingAcrossTwoMachinesGivesTheLocalOutcomesIncludingAForeignDrop() throws Exception {
        List<Observation> seen = compare("lab-vagrant/direct-routing.yaml", lab -> { });
        Observation dropped = seen.stream().filter(o -> o.probe().describe().startsWith("ping c1 -> 10.0.129.2")).findFirst().orElseThrow();
        assertEquals("host2", dropped.rule().orElseThrow().namespace(),
                "the ping from c1 (machine m1) must be attributed to host2's FORWARD policy on machine m2: " + dropped);
    }

    @Test
    void aHostKeyTheKnownHostsFileDoesNotListEndsTheConnection() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/sshd")),
                "the SSH rehearsal needs Debian's openssh-server (/usr/sbin/sshd); .ci/run installs it");
        Topology t = Lowering.lower(spec("lab-vagrant/direct-routing.yaml"));
        try (SshRehearsal machines = new SshRehearsal(exec, dir, HOSTS)) {
            // m2's line now names another key (the client's): m2 is then an unknown host, whatever it presents
            Path knownHosts = dir.resolve("known_hosts");
            List<String> lines = new ArrayList<>(Files.readAllLines(knownHosts));
            String[] other = Files.readString(dir.resolve("client.pub")).strip().split(" ");
            lines.set(1, SshRehearsal.machineAddress(2) + " " + other[0] + " " + other[1]);
            Files.write(knownHosts, lines);
            LabOptions options = LabOptions.defaults().withPrefix("rs").withWorkDir(dir.resolve("remote")).withHostMap(machines.hostMap());
            io.netrig.model.NetrigException e = org.junit.jupiter.api.Assertions.assertThrows(io.netrig.model.NetrigException.class,
                    () -> Backends.byName("kernel").start(t, options));
            assertTrue(e.getMessage().contains("machine 'm2'") && e.getMessage().contains("cannot log in to root@" + SshRehearsal.machineAddress(2)),
                    "expected the start to fail on m2's host key, naming the machine: " + e.getMessage());
            assertMachinesEmpty(machines, "after a start that failed on m2's host key (m1's part must be removed)");
        }
    }

    private List<List<String>> tshark(Path pcap, String... fields) {
        List<String> argv = new ArrayList<>(List.of("tshark", "-r", pcap.toString(), "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String f : fields) {
            argv.add("-e");
            argv.add(f);
        }
        CommandResult r = exec.result(Command.of(argv));
        assertEquals(0, r.exitCode(), "tshark could not read " + pcap + ": " + r.stderr());
        return r.stdout().lines().map(l -> Arrays.asList(l.split("\t", -1))).collect(Collectors.toList());
    }
}
