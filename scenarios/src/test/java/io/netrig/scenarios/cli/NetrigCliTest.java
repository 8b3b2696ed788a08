package io.netrig.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a user meets it: exit codes and what is printed (simulator only, no root). */
class NetrigCliTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static Path example() {
        return Path.of(System.getProperty("netrig.root", "..")).resolve("examples/bridge-basics.yaml");
    }

    @Test
    void checkOfTheShippedExampleHoldsOnTheSimulator() {
        CliRun r = run("check", example().toString(), "--work-dir", "target/cli-test");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("7 of 7 expectations hold"), r.out());
        assertTrue(r.out().contains("DOCKER-ISOLATION-STAGE-2"), "the dropping rule is named:\n" + r.out());
    }

    @Test
    void traceOfOneExpectationPrintsTheSimulatorsHopByHopPath() {
        CliRun r = run("check", example().toString(), "--work-dir", "target/cli-test", "--trace", "3");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("trace 3: ping web -> db"), r.out());
        assertTrue(r.out().contains("DOCKER-ISOLATION-STAGE-2"), r.out());
        assertTrue(!r.out().contains("trace 1:"), "only expectation 3 is traced:\n" + r.out());
        CliRun bad = run("check", example().toString(), "--work-dir", "target/cli-test", "--trace", "99");
        assertEquals(2, bad.exit(), bad.out() + bad.err());
        assertTrue(bad.err().contains("--trace: expectation 99 does not exist"), bad.err());
    }

    @Test
    void theOutboundNatExampleHoldsOnTheSimulator() {
        CliRun r = run("check", example().resolveSibling("outbound-nat.yaml").toString(), "--work-dir", "target/cli-test");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("6 of 6 expectations hold"), r.out());
    }

    @Test
    void dockerWarningsArePrintedWithTheirLocationAndTheLabStillValidates() throws IOException {
        Path spec = dir.resolve("host-mode.yaml");
        Files.writeString(spec, """
                containers:
                  agent: {networks: [host], ports: ["8080:80"]}
                """);
        CliRun r = run("validate", spec.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("host-mode.yaml:2:29: warning: container 'agent': Published ports are discarded when using"
                + " host network mode"), r.err());
    }

    @Test
    void malformedSpecGetsOneLocatedMessagePerProblemAndExitCode2() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                networks:
                  front: {subnet: 172.20.0.0/33}
                  back: {subnet: 172.21.0.0/24}
                containers:
                  a: {networks: {back: {ip: 172.21.0.5}}}
                  b: {networks: {back: {ip: 172.21.0.5}}}
                  c: {networks: [nowhere]}
                """);
        CliRun r = run("validate", bad.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(bad + ":2:19: network 'front': subnet '172.20.0.0/33' is not an IPv4 prefix"), r.err());
        assertTrue(r.err().contains(bad + ":6:29: container 'b': ip 172.21.0.5 on network 'back' is already given to container 'a'"), r.err());
        assertTrue(r.err().contains(bad + ":7:18: container 'c': network 'nowhere' is not defined"), r.err());
        assertTrue(r.err().contains("3 problems found"), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace:\n" + r.err());
    }

    @Test
    void missingFileIsBadInput() {
        CliRun r = run("check", dir.resolve("nope.yaml").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no such file"), r.err());
    }

    @Test
    void unknownBackendIsBadInputNamingTheKnownOnes() {
        CliRun r = run("check", example().toString(), "--backend", "ns3");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no backend named 'ns3'") && r.err().contains("sim"), r.err());
    }

    @Test
    void lowerPrintsIptablesRestoreInputAndJson() {
        CliRun commands = run("lower", example().toString());
        assertEquals(0, commands.exit(), commands.err());
        assertTrue(commands.out().contains("-A FORWARD -j DOCKER-ISOLATION-STAGE-1"), commands.out());
        CliRun json = run("lower", example().toString(), "--format", "json");
        assertEquals(0, json.exit(), json.err());
        assertTrue(json.out().startsWith("{") && json.out().contains("\"kind\": \"veth\""), json.out());
    }

    @Test
    void checkJsonReportsEachResult() {
        CliRun r = run("check", example().toString(), "--json", "--work-dir", "target/cli-test");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"passed\": true") && r.out().contains("\"outcome\": \"DROPPED\""), r.out());
    }
}
