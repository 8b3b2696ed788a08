package io.netrig.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.docker.internal.DockerExecutor;
import io.netrig.docker.internal.DockerLab;
import io.netrig.docker.internal.LabNames;
import io.netrig.model.NetrigException;
import io.netrig.model.backend.Backends;
import io.netrig.model.backend.ComparableWithLowering;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.LoweringDifference;
import io.netrig.model.check.Expectation;
import io.netrig.model.check.LabCheck;
import io.netrig.model.check.Verdict;
import io.netrig.model.lower.Lowering;
import io.netrig.model.spec.ValidatedLab;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.Topology;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seeds' single-host cases on the machine's Docker Engine: each spec runs on the simulator and on Docker, every
 * probe must hold its expectation on both and the backends must agree, and the engine's addresses, MACs and rules must
 * equal netrig's lowering (bridge names aside). Each spec runs twice in a row; nothing may be left on the machine.
 */
@Tag("docker")
class DockerLabIT {
    private static final Path LABS = Path.of("src", "test", "resources", "labs");
    private final LabOptions options = LabOptions.defaults().withPrefix("nrdt").withWorkDir(Path.of("target-docker", "docker-it"));
    private DockerMachine before;

    @BeforeEach
    void snapshot() {
        DockerMachine.assumeReady();
        before = DockerMachine.snapshot("nrdt");
    }

    @AfterEach
    void nothingLeft() {
        if (before != null) {
            String left = before.leftBy(DockerMachine.snapshot("nrdt"));
            assertEquals("", left, "the docker lab left objects on the machine");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"icc-off-published-port", "isolated-bridges", "internal-network", "default-bridge", "user-defined-names",
            "macvlan-host-isolation", "macvlan-lan-shim"})
    void simulatorAndDockerAgreeAndTheEngineMatchesTheLowering(String name) {
        ValidatedLab spec = YamlSpecLoader.loadValidated(LABS.resolve(name + ".yaml"));
        Topology topology = Lowering.lower(spec);
        List<Expectation> expectations = LabCheck.expectations(spec.spec(), topology);
        for (int round = 1; round <= 2; round++) {
            Map<String, Lab> labs = new LinkedHashMap<>();
            try {
                labs.put("sim", Backends.byName("sim").start(topology, options));
                long start = System.nanoTime();
                labs.put("docker", Backends.byName("docker").start(spec, topology, options));
                long started = System.nanoTime();
                List<Verdict> verdicts = LabCheck.run(expectations, labs);
                long probed = System.nanoTime();
                System.out.printf("docker lab %s (round %d): started in %d ms, %d probes in %d ms on sim+docker%n", name, round,
                        (started - start) / 1_000_000, verdicts.size(), (probed - started) / 1_000_000);
                for (Verdict v : verdicts) {
                    assertTrue(v.passed(), () -> name + ": " + v.expectation().probe().describe() + " expected " + v.expectation().expected()
                            + " but " + v.observations().stream().map(o -> o.backend() + " saw " + o.observation().outcome() + " ("
                            + o.observation().reason() + ")").collect(Collectors.joining(", ")));
                }
                List<LoweringDifference> differences = ((ComparableWithLowering) labs.get("docker")).differencesFromLowering();
                assertEquals(List.of(), differences, name + ": the engine differs from netrig's lowering");
            } finally {
                labs.values().forEach(Lab::close);
            }
        }
    }

    @Test
    void aFailedStartLeavesNothingBehind() {
        // the second network fails after the first was made (aux addresses cannot be passed through docker-java)
        ValidatedLab spec = YamlSpecLoader.parseValidated("clash.yaml", """
                name: clash
                networks:
                  fine: {subnet: 172.28.40.0/24}
                  clash: {subnet: 172.28.41.0/24, aux_addresses: {router: 172.28.41.5}}
                containers:
                  a: {networks: [fine]}
                """);
        NetrigException e = assertThrows(NetrigException.class, () -> Backends.byName("docker").start(spec, Lowering.lower(spec), options));
        assertTrue(e.getMessage().contains("network 'clash'"), () -> "the failure names the network: " + e.getMessage());
    }

    @Test
    void closeIsIdempotentAndCleanRemovesOnlyDeadLabs() {
        ValidatedLab spec = YamlSpecLoader.loadValidated(LABS.resolve("isolated-bridges.yaml"));
        DockerExecutor executor = DockerExecutor.connect();
        try (DockerLab lab = DockerLab.start(executor, spec, Lowering.lower(spec), LabNames.fresh("nrdt", new java.util.Random(7)))) {
            assertEquals(List.of(), Backends.byName("docker").removeLeftovers("nrdt"), "a live lab is not a leftover");
            lab.close();
        }
    }
}
