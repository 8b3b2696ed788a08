package io.netrig.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.kernel.exec.Command;
import io.netrig.kernel.exec.IpQuery;
import io.netrig.kernel.exec.RunningProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a running lab's JVM leaves its namespaces, state file and resolver folders behind (no shutdown hook
 * runs); {@code netrig clean} ({@link KernelCleaner}) then removes exactly those, and nothing of the lab is left.
 */
class KilledRunCleanIT extends KernelTestSupport {
    private static final String PREFIX = "nrkl";

    @TempDir
    Path stateDir;

    @TempDir
    Path work;

    @Test
    void cleanRemovesEverythingAKilledRunLeft() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        RunningProcess child = exec.spawn(Command.of(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), KilledLabMain.class.getName(), stateDir.toString(), PREFIX, work.toString())));
        String labId;
        try {
            child.awaitStderr(line -> line.startsWith("READY "), Duration.ofSeconds(60));
            labId = child.stderrLines().stream().filter(l -> l.startsWith("READY ")).findFirst().orElseThrow().substring(6).strip();
        } finally {
            // kill -9: the process we started, by its pid; no shutdown hook runs
            ProcessHandle.of(child.pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
        ProcessHandle.of(child.pid()).ifPresent(p -> p.onExit().join());
        assertFalse(child.isAlive());
        List<String> left = labNamespaces(labId);
        assertFalse(left.isEmpty(), "a killed run leaves its namespaces (else this test shows nothing)");
        assertTrue(Files.exists(stateDir.resolve(labId + ".json")), "a killed run leaves its state file");

        CleanReport removed = new KernelCleaner(PREFIX, exec, stateDir, pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .clean();

        assertEquals(left, removed.namespaces().stream().sorted().toList(), "clean removes exactly the killed lab's namespaces");
        assertEquals(List.of(labId), removed.stateFiles());
        assertTrue(removed.resolverDirs().stream().allMatch(d -> d.startsWith(labId + "-")), removed.resolverDirs().toString());
        assertEquals(List.of(), labNamespaces(labId), "nothing of the killed lab is left");
    }

    private List<String> labNamespaces(String labId) {
        return IpQuery.namespaceNames(exec.run(IpQuery.netnsList()).stdout()).stream().filter(ns -> ns.startsWith(labId + "-")).sorted().toList();
    }
}
