package io.netrig.kernel.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The failure paths, which need no root: a task never runs on a thread that did not join its namespace. */
class NamespaceThreadsTest {
    @TempDir
    Path dir;

    @Test
    void aMissingNamespaceFailsWithTheCallItsErrnoAndThePathAndRunsNothing() {
        AtomicBoolean ran = new AtomicBoolean();
        try (NamespaceThreads threads = new NamespaceThreads(dir)) {
            SyscallFailedException e = assertThrows(SyscallFailedException.class, () -> threads.call("nrt0000-gone", () -> {
                ran.set(true);
                return null;
            }));
            assertEquals(Errno.ENOENT.number(), e.errno());
            assertEquals("nrt0000-gone", e.namespace());
            assertTrue(e.getMessage().contains("open(" + dir.resolve("nrt0000-gone")), e.getMessage());
            assertTrue(e.getMessage().contains("ENOENT"), e.getMessage());
            assertTrue(threads.history().stream().anyMatch(c -> c.failed() && c.call().startsWith("open(" + dir)), threads.history().toString());
            assertTrue(threads.joined().isEmpty());
        }
        assertFalse(ran.get(), "the task must not run outside its namespace");
    }

    @Test
    void aFileThatIsNotANamespaceIsRefusedBySetnsAndRunsNothing() throws Exception {
        Files.writeString(dir.resolve("plain"), "not a namespace");
        AtomicBoolean ran = new AtomicBoolean();
        try (NamespaceThreads threads = new NamespaceThreads(dir)) {
            SyscallFailedException e = assertThrows(SyscallFailedException.class, () -> threads.call("plain", () -> {
                ran.set(true);
                return null;
            }));
            assertTrue(e.call().startsWith("setns("), e.call());
            assertEquals(Errno.EINVAL.number(), e.errno(), e.getMessage());
        }
        assertFalse(ran.get(), "the task must not run outside its namespace");
    }

    @Test
    void closedThreadsRefuseWork() {
        NamespaceThreads threads = new NamespaceThreads(dir);
        threads.close();
        threads.close();
        assertThrows(IllegalStateException.class, () -> threads.call("any", () -> null));
    }
}
