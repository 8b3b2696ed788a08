package io.netrig.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netrig.kernel.exec.CommandResult;
import io.netrig.kernel.exec.IpQuery;
import io.netrig.kernel.exec.ProcessExecutor;
import io.netrig.kernel.internal.StateStore;
import io.netrig.kernel.netns.NamespaceThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * Base of kernel integration tests: skipped (reported as aborted, never passed) without root or a usable
 * {@code ip netns}, and failing on any residue in the machine's namespaces, {@code /etc/netns} resolver folders, root
 * links or root iptables rules, or in
 * this JVM: a thread left in a lab namespace or a socket left open.
 */
@Tag("kernel")
public abstract class KernelTestSupport {
    protected final ProcessExecutor exec = new ProcessExecutor();
    private MachineState before;
    private JvmState jvmBefore;

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
        settleJdkSockets();
        jvmBefore = JvmState.now();
    }

    /**
     * The JDK keeps one socket for the JVM's life from its first use of socket channels, and NamespaceThreads makes it
     * do so when the class loads; load it before the snapshot, or the first lab of a run would look like a leak.
     */
    private static void settleJdkSockets() {
        try {
            Class.forName(NamespaceThreads.class.getName(), true, KernelTestSupport.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
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
            MachineState after = MachineState.of(exec);
            assertEquals(List.of(), after.namespacesLeftSince(before, new StateStore(StateStore.DEFAULT_DIR), exec),
                    "the test left namespaces behind on this machine");
            assertEquals(List.of(), after.resolverDirsLeftSince(before, new StateStore(StateStore.DEFAULT_DIR)),
                    "the test left resolver folders behind in /etc/netns");
            assertEquals(before.rootLinks(), after.rootLinks(), "the machine's own links changed during the test");
            assertEquals(before.rootIptables(), after.rootIptables(), "the machine's own iptables rules changed during the test");
            assertEquals(List.of(), JvmState.threadsInOtherNamespaces(),
                    "threads of this JVM are still in lab namespaces (they keep deleted namespaces alive)");
            assertEquals(Set.of(), JvmState.now().socketsOpenedSince(jvmBefore),
                    "sockets opened during the test are still open (a socket keeps its lab namespace alive)");
        }
    }
}
