package io.netrig.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netrig.model.backend.Backends;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Probe;
import io.netrig.model.check.ProbeResolver;
import io.netrig.model.lower.Lowering;
import io.netrig.model.spec.ProbeSpec;
import io.netrig.model.spec.ValidatedLab;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All-pairs pings between more containers on one Docker host than the machine-wide ARP table holds
 * ({@code gc_thresh3}, 1024 by default): N containers on one bridge need N(N-1) neighbour entries, made within
 * seconds and held for 15-45 s. Without {@code NeighbourBudget} about 450 of the 1560 pings of 40 containers timed out
 * ("neighbor table overflow" in dmesg), from the 16th sender on.
 */
class NeighbourTableIT extends KernelTestSupport {
    private static final Logger LOG = LoggerFactory.getLogger(NeighbourTableIT.class);

    @TempDir
    Path work;

    @Test
    void allPairsPingsBeyondTheMachinesNeighbourTableAreAllAnswered() throws Exception {
        int thresh3 = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/neigh/default/gc_thresh3")).getFirst().strip());
        int n = 2;
        while (n * (n - 1) < thresh3 * 3 / 2) {
            n++;
        }
        Assumptions.assumeTrue(n <= 60, "gc_thresh3 is " + thresh3 + " here: overflowing it would take " + n + " containers");
        StringBuilder y = new StringBuilder("""
                segments: {underlay: {}}
                hosts:
                  node1: {interfaces: {eth0: {segment: underlay, address: 192.168.100.2/16}}, swarm: manager}
                networks:
                  mesh: {driver: overlay, attachable: true, subnet: 10.128.0.0/16}
                containers:
                """);
        for (int c = 0; c < n; c++) {
            y.append(String.format(Locale.ROOT, "  c%02d: {host: node1, networks: [mesh]}%n", c));
        }
        ValidatedLab spec = YamlSpecLoader.parseValidated("lab.yaml", y.toString());
        Topology t = Lowering.lower(spec);
        ProbeResolver resolver = new ProbeResolver(t);
        List<String> names = List.copyOf(spec.spec().containers().keySet());
        List<Probe> probes = new ArrayList<>();
        for (String from : names) {
            for (String to : names) {
                if (!from.equals(to)) {
                    probes.add(resolver.resolve(new ProbeSpec.PingSpec(from, to, 1)));
                }
            }
        }
        try (Lab lab = Backends.byName("kernel").start(t, LabOptions.defaults().withPrefix("nrnt").withWorkDir(work))) {
            assertRootLinksUntouched("right after starting the lab");
            long t0 = System.nanoTime();
            List<Observation> observations = lab.probeAll(probes);
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<String> failed = observations.stream().filter(o -> !o.outcome().succeeded())
                    .map(o -> o.probe().describe() + ": " + o.outcome()).toList();
            LOG.info("{} containers, {} pings (gc_thresh3 {}): {} answered in {} s ({} probes/s)", n, probes.size(), thresh3,
                    probes.size() - failed.size(), String.format(Locale.ROOT, "%.1f", seconds),
                    String.format(Locale.ROOT, "%.0f", probes.size() / seconds));
            assertEquals(List.of(), failed.stream().limit(20).toList(), failed.size() + " of " + probes.size()
                    + " pings were not answered (the first 20 are listed); see dmesg for 'neighbor table overflow'");
        }
    }
}
