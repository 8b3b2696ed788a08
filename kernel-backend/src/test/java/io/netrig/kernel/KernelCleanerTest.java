package io.netrig.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netrig.kernel.internal.LabState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KernelCleanerTest {
    private static final long LIVE = 100;
    private static final long DEAD = 200;

    private static CleanReport leftovers(List<String> namespaces, Map<String, LabState> states) {
        return KernelCleaner.leftovers("nr", namespaces, List.copyOf(states.keySet()), states, pid -> pid == LIVE);
    }

    @Test
    void removesNamespacesOfLabsWhoseOwnerIsDead() {
        CleanReport r = leftovers(List.of("nr00aa-host", "nr00aa-c1", "nr11bb-host"),
                Map.of("nr00aa", new LabState("nr00aa", DEAD, List.of("nr00aa-host", "nr00aa-c1")),
                        "nr11bb", new LabState("nr11bb", LIVE, List.of("nr11bb-host"))));
        assertEquals(List.of("nr00aa-c1", "nr00aa-host"), r.namespaces());
        assertEquals(List.of("nr00aa"), r.stateFiles());
    }

    @Test
    void removesNamespacesWithoutAStateFile() {
        CleanReport r = leftovers(List.of("nrbeef-x"), Map.of());
        assertEquals(List.of("nrbeef-x"), r.namespaces());
    }

    @Test
    void leavesLiveLabsAndForeignNamespacesAlone() {
        CleanReport r = leftovers(List.of("nr11bb-host", "docker1", "nrx1234-a", "nr12-a", "cni-1234", "nrzzzz-a", "nr1234"),
                Map.of("nr11bb", new LabState("nr11bb", LIVE, List.of("nr11bb-host"))));
        assertEquals(List.of(), r.namespaces());
        assertEquals(List.of(), r.stateFiles());
    }

    @Test
    void removesStateFilesOfDeadLabsWhoseNamespacesAreAlreadyGone() {
        CleanReport r = leftovers(List.of(), Map.of("nr00aa", new LabState("nr00aa", DEAD, List.of("nr00aa-host")),
                "nrit00aa", new LabState("nrit00aa", DEAD, List.of())));
        assertEquals(List.of(), r.namespaces());
        assertEquals(List.of("nr00aa"), r.stateFiles(), "state files of other prefixes belong to other cleaners");
    }

    @Test
    void removesResolverFoldersOfDeadLabsOnly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path states = dir.resolve("run");
        java.nio.file.Path etc = dir.resolve("netns");
        new io.netrig.kernel.internal.StateStore(states).write(new LabState("nr11bb", LIVE, List.of("nr11bb-host")));
        for (String d : List.of("nr00aa-c1", "nr11bb-host", "other")) {
            java.nio.file.Files.createDirectories(etc.resolve(d));
        }
        io.netrig.kernel.exec.RecordingExecutor exec = new io.netrig.kernel.exec.RecordingExecutor(
                c -> io.netrig.kernel.exec.RecordingExecutor.ok(c, "[]"));
        CleanReport r = new KernelCleaner("nr", exec, states, etc, pid -> pid == LIVE).clean();
        assertEquals(List.of("nr00aa-c1"), r.resolverDirs());
        assertEquals(List.of("nr11bb-host", "other"), new io.netrig.kernel.internal.ResolverFiles(etc).all());
    }
}
