package io.netrig.scenarios.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.backend.Backends;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Probe;
import io.netrig.model.check.ProbeResolver;
import io.netrig.model.topology.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The generator on its own and on the simulator: no root needed. */
class FuzzGeneratorTest {
    private static final int SEEDS = 500;
    private final LabGenerator generator = new LabGenerator();

    @Test
    void aSeedAlwaysGivesTheSameLab() {
        for (long seed : new long[] {1, 2, 42, 1_000_003}) {
            FuzzLab a = generator.generate(seed);
            FuzzLab b = new LabGenerator().generate(seed);
            assertEquals(a.yaml(), b.yaml(), "seed " + seed + " gave two different specs");
            assertEquals(a.probes(), b.probes(), "seed " + seed + " gave two different probe lists");
        }
        assertNotEquals(generator.generate(1).yaml(), generator.generate(2).yaml(), "seeds 1 and 2 gave the same lab");
    }

    @Test
    void everyDrawIsAValidSmallLabWhoseProbesResolve() {
        List<String> invalid = new ArrayList<>();
        Map<String, Integer> kinds = new TreeMap<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            try {
                FuzzLab lab = generator.generate(seed);
                Topology t = LabGenerator.lower(lab.yaml(), lab.name() + ".yaml");
                assertTrue(t.namespaces().size() <= LabGenerator.MAX_NAMESPACES, "seed " + seed + ": " + t.namespaces().size()
                        + " namespaces, more than " + LabGenerator.MAX_NAMESPACES + ":\n" + lab.yaml());
                ProbeResolver resolver = new ProbeResolver(t);
                lab.probes().forEach(resolver::resolve);
                count(kinds, lab.yaml());
            } catch (LabGenerator.InvalidDraw e) {
                invalid.add(e.getMessage() + "\n" + e.yaml());
            }
        }
        assertEquals(List.of(), invalid, invalid.size() + " of " + SEEDS + " draws were refused by the validator (generator bugs)");
        for (String kind : List.of("macvlan_mode: private", "macvlan_mode: vepa", "driver: macvlan", "internal: true", "enable_icc",
                "enable_ip_masquerade", "icc: false", "ip_masquerade: false", "userland_proxy: false", "bip:", "ports:", "listen:",
                "ip route add", "sysctl -w", "routes:", "docker: false", "forwarding: true", "forwarding: false", "lan2", "{ip: ")) {
            assertTrue(kinds.getOrDefault(kind, 0) >= 5, "only " + kinds.getOrDefault(kind, 0) + " of " + SEEDS + " labs have '" + kind
                    + "': the generator hardly draws it (counts: " + kinds + ")");
        }
    }

    @Test
    void theRenderedSpecReadsBackAsTheSameTree() {
        FuzzLab lab = generator.generate(7);
        SpecTree cut = lab.spec();
        for (SpecTree.Path p : lab.spec().parts()) {
            assertTrue(cut.at(p).isPresent(), "part " + p + " is not found in its own tree");
        }
        SpecTree.Path first = lab.spec().parts().stream().filter(p -> p.toString().equals("containers")).findFirst().orElseThrow();
        assertTrue(lab.spec().without(first).at(first).isEmpty(), "cutting " + first + " left it in the tree");
        assertTrue(lab.spec().at(first).isPresent(), "cutting a part changed the original tree");
    }

    @Test
    void generatedLabsRunOnTheSimulator() {
        for (long seed = 1; seed <= 20; seed++) {
            FuzzLab lab = generator.generate(seed);
            Topology t = LabGenerator.lower(lab.yaml(), lab.name() + ".yaml");
            ProbeResolver resolver = new ProbeResolver(t);
            List<Probe> probes = lab.probes().stream().map(resolver::resolve).toList();
            LabOptions options = LabOptions.defaults().withSeed(seed).withWorkDir(Path.of("target", "fuzz-sim-selftest"));
            try (Lab sim = Backends.byName("sim").start(t, options)) {
                List<Observation> seen = sim.probeAll(probes);
                assertEquals(probes.size(), seen.size(), "seed " + seed + ": one observation per probe");
                assertTrue(seen.stream().anyMatch(o -> o.outcome().succeeded()), "seed " + seed + ": no probe was answered at all:\n" + lab.yaml());
            }
        }
    }

    private static void count(Map<String, Integer> kinds, String yaml) {
        for (String kind : List.of("macvlan_mode: private", "macvlan_mode: vepa", "driver: macvlan", "internal: true", "enable_icc",
                "enable_ip_masquerade", "icc: false", "ip_masquerade: false", "userland_proxy: false", "bip:", "ports:", "listen:",
                "ip route add", "sysctl -w", "routes:", "docker: false", "forwarding: true", "forwarding: false", "lan2", "{ip: ")) {
            if (yaml.contains(kind)) {
                kinds.merge(kind, 1, Integer::sum);
            }
        }
    }
}
