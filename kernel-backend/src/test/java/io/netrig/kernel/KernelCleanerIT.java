package io.netrig.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.kernel.exec.IpBatch;
import io.netrig.kernel.exec.IpQuery;
import io.netrig.kernel.internal.LabState;
import io.netrig.kernel.internal.ResolverFiles;
import io.netrig.kernel.internal.StateStore;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelCleanerIT extends KernelTestSupport {
    /** Above any pid_max Linux allows (2^22), so never a live process. */
    private static final long DEAD_PID = Integer.MAX_VALUE;

    @TempDir
    Path stateDir;

    @TempDir
    Path work;

    @Test
    void removesTheNamespacesOfADeadLabButNotOfALiveOne() {
        StateStore states = new StateStore(stateDir);
        states.write(new LabState("nrcl0dea", DEAD_PID, List.of("nrcl0dea-x")));
        exec.run(IpBatch.global().netnsAdd("nrcl0dea-x").netnsAdd("nrcl0dea-y").netnsAdd("nrclbeef-orphan").toCommand());
        ResolverFiles etc = new ResolverFiles(ResolverFiles.DEFAULT_DIR);
        etc.write("nrcl0dea-x", new ResolverFiles.Texts(ResolverFiles.LOCALHOST_ONLY, ""));
        etc.write("nrclbeef-gone", new ResolverFiles.Texts(ResolverFiles.LOCALHOST_ONLY, ""));
        KernelBackend backend = new KernelBackend(exec, stateDir);
        try (Lab live = backend.start(DockerTopology.topology(), LabOptions.defaults().withPrefix("nrcl").withWorkDir(work))) {
            CleanReport removed = new KernelCleaner("nrcl", exec, stateDir, pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).clean();

            assertEquals(List.of("nrcl0dea-x", "nrcl0dea-y", "nrclbeef-orphan"), removed.namespaces());
            assertEquals(List.of("nrcl0dea"), removed.stateFiles());
            assertEquals(List.of("nrcl0dea-x", "nrclbeef-gone"), removed.resolverDirs(),
                    "resolver folders of dead labs go, also of a namespace already gone");
            String liveId = ((io.netrig.kernel.internal.KernelLab) live).id().toString();
            assertEquals(3, etc.namespaces(n -> n.startsWith(liveId + "-")).size(), "the live lab's resolver folders must stay");
            List<String> left = IpQuery.namespaceNames(exec.run(IpQuery.netnsList()).stdout());
            assertTrue(left.stream().filter(ns -> ns.startsWith("nrcl")).count() == 3, "the live lab's namespaces must stay: " + left);
            assertTrue(Files.exists(stateDir.resolve(((io.netrig.kernel.internal.KernelLab) live).id() + ".json")), "live lab's state file removed");
        }
    }
}
