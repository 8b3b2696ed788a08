package io.netrig.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.kernel.DockerTopology;
import io.netrig.kernel.LabId;
import io.netrig.kernel.exec.Command;
import io.netrig.kernel.exec.RecordingExecutor;
import io.netrig.model.NetrigException;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelLabTest {
    private static final LabId LAB = new LabId("nrt", "0abc");

    @TempDir
    Path stateDir;

    @Test
    void aFailedStartDeletesTheNamespacesItMadeAndItsStateFile() {
        Topology t = DockerTopology.topology();
        RecordingExecutor exec = new RecordingExecutor(c -> {
            if (c.argv().contains("iptables-restore")) {
                return RecordingExecutor.failed(c, "iptables-restore: line 5 failed");
            }
            if (c.argv().equals(List.of("ip", "-j", "netns", "list"))) {
                return RecordingExecutor.ok(c, "[{\"name\":\"nrt0abc-host\"},{\"name\":\"nrt0abc-c1\"},{\"name\":\"nrt0abc-c2\"},{\"name\":\"foreign\"}]");
            }
            return RecordingExecutor.ok(c, "");
        });
        BuildPlan plan = BuildPlan.of(t, LAB);
        KernelLab lab = new KernelLab(LAB, t, LabOptions.defaults(), exec, new StateStore(stateDir), plan.namespaces(),
                io.netrig.model.backend.Capabilities.all(), new ResolverFiles(stateDir.resolve("netns")));

        NetrigException e = assertThrows(NetrigException.class, () -> lab.build(plan));

        assertTrue(e.getMessage().contains("at step 'iptables of host'"), e.getMessage());
        assertTrue(e.getMessage().contains("iptables-restore: line 5 failed"), e.getMessage());
        Command last = exec.commands().getLast();
        assertEquals(List.of("ip", "-batch", "-"), last.argv());
        assertEquals(Optional.of("netns del nrt0abc-host\nnetns del nrt0abc-c1\nnetns del nrt0abc-c2\n"), last.stdin(),
                "rollback must delete exactly the lab's namespaces");
        assertFalse(Files.exists(stateDir.resolve("nrt0abc.json")), "state file left after a failed start");
    }
}
