package io.netrig.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netrig test}: Cucumber features run from the command line on the simulator (no root needed). */
class TestCommandTest {
    private static final String LAB = """
                Given the lab:
                  \"""
                  networks:
                    frontend: {subnet: 172.20.0.0/16}
                  containers:
                    web: {networks: [frontend]}
                    api: {networks: [frontend]}
                  \"""
            """;

    @TempDir
    Path dir;

    private Path feature(String name, String body) throws IOException {
        return Files.writeString(dir.resolve(name), body);
    }

    @Test
    void aPassingFeatureExitsZeroWithASummaryAndReports() throws IOException {
        Path f = feature("tiny.feature", """
                Feature: tiny lab
                  Scenario: containers on one network reach each other
                """ + LAB + """
                    Then web can ping api

                  @wip
                  Scenario: left out while its driver is missing
                    Given the lab spec "does/not/exist.yaml"
                """);
        Path report = dir.resolve("report");
        CliRun r = CliRun.of("test", f.toString(), "--report", report.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("[1/1] sim: tiny lab › containers on one network reach each other"), "progress line:\n" + r.out());
        assertTrue(r.out().contains("1 scenarios on sim: 1 passed, 0 failed, 0 skipped"), "summary:\n" + r.out());
        assertTrue(r.out().contains(report.toAbsolutePath().resolve("cucumber.html").toString()), "where the report went:\n" + r.out());
        for (String file : new String[] {"cucumber.html", "cucumber.json", "cucumber.xml"}) {
            assertTrue(Files.size(report.resolve(file)) > 0, file + " written");
        }
        assertTrue(Files.isDirectory(report.resolve("sim")), "the scenario folders (diagram, pcaps) go under sim/");
    }

    @Test
    void aFailingScenarioExitsOneAndSaysWhy() throws IOException {
        Path f = feature("failing.feature", """
                Feature: wrong expectation
                  Scenario: claims the containers are isolated
                """ + LAB + """
                    Then web cannot ping api
                """);
        CliRun r = CliRun.of("test", f.toString(), "--report", dir.resolve("report").toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("FAILED"), r.out());
        assertTrue(r.out().contains("expected web -> api ping to fail, but it was answered"), "the step's message:\n" + r.out());
        assertTrue(r.out().contains("0 passed, 1 failed"), r.out());
    }

    @Test
    void tagsSelectScenarios() throws IOException {
        Path f = feature("tagged.feature", """
                Feature: tagged
                  @fast
                  Scenario: selected
                """ + LAB + """
                    Then web can ping api

                  Scenario: not selected
                """ + LAB + """
                    Then web cannot ping api
                """);
        CliRun r = CliRun.of("test", f.toString(), "--tags", "@fast", "--report", dir.resolve("report").toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("1 scenarios on sim: 1 passed"), r.out());
    }

    @Test
    void badInputExitsTwo() throws IOException {
        CliRun missing = CliRun.of("test", dir.resolve("nope.feature").toString());
        assertEquals(2, missing.exit(), missing.err());
        assertTrue(missing.err().contains("no such feature file or folder"), missing.err());
        Path f = feature("x.feature", "Feature: x\n  Scenario: y\n" + LAB + "    Then web can ping api\n");
        CliRun backend = CliRun.of("test", f.toString(), "--backend", "vmware", "--report", dir.resolve("report").toString());
        assertEquals(2, backend.exit(), backend.err());
        assertTrue(backend.err().contains("unknown backend 'vmware'"), backend.err());
        CliRun none = CliRun.of("test", f.toString(), "--tags", "@nothing", "--report", dir.resolve("report").toString());
        assertEquals(2, none.exit(), none.err());
        assertTrue(none.err().contains("no scenarios to run"), none.err());
    }
}
