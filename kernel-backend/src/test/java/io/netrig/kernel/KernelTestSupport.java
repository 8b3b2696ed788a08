package io.netrig.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netrig.kernel.exec.CommandResult;
import io.netrig.kernel.exec.IpQuery;
import io.netrig.kernel.exec.ProcessExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * Base of kernel integration tests: skipped (reported as aborted, never passed) without root or a usable
 * {@code ip netns}, and failing on any residue in the machine's namespaces, root links or root iptables rules.
 */
@Tag("kernel")
public abstract class KernelTestSupport {
    protected final ProcessExecutor exec = new ProcessExecutor();
    private MachineState before;

    @BeforeEach
    void requireRootAndSnapshot() throws IOException {
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (!Integer.valueOf(0).equals(uid)) {
            Assumptions.abort("kernel tests need root: running as uid " + uid);
        }
        CommandResult netns = exec.result(IpQuery.netnsList());
        if (!netns.succeeded()) {
            Assumptions.abort("kernel tests need root: 'ip netns list' is unusable here: " + netns.stderr().strip());
        }
        before = MachineState.of(exec);
    }

    /**
     * Fails if the machine's own namespace has gained or lost a link since the test began (LAB-SAFETY 1): call it while
     * a lab runs, e.g. right after start, since a link made there and removed by close would escape the final check.
     */
    protected void assertRootLinksUntouched(String when) {
        assertEquals(before.rootLinks(), MachineState.of(exec).rootLinks(),
                "the machine's own namespace has different links " + when + " than before the test: a lab link was made there");
    }

    @AfterEach
    void assertNothingLeftBehind() {
        if (before != null) {
            assertEquals(before, MachineState.of(exec), "the test left kernel objects behind on this machine");
        }
    }
}
