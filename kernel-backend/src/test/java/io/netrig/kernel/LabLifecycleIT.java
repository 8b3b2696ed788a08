package io.netrig.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.kernel.internal.KernelLab;
import io.netrig.kernel.netns.NamespaceThreads;
import io.netrig.kernel.netns.ThreadNamespace;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Services and probes run inside this JVM: while a lab runs, only its namespace threads are in its namespaces and no
 * helper process exists; after close, no thread of the JVM is in a lab namespace, no socket is open, and the
 * namespaces are gone (KernelTestSupport checks the last two after every test).
 */
class LabLifecycleIT extends KernelTestSupport {
    @TempDir
    Path work;

    @Test
    void onlyNamespaceThreadsEnterTheLabAndNoneStaysAfterClose() {
        Lab lab = ServerTopology.start("nrlc", work);
        String server;
        try {
            assertEquals(Outcome.REACHED, lab.probe(Probe.Tcp.of("client", ServerTopology.SERVER, 80)).outcome());
            String id = ((KernelLab) lab).id().toString();
            server = id + "-server";
            long serverInode = ThreadNamespace.inodeOf(NamespaceThreads.NETNS_DIR.resolve(server));
            long clientInode = ThreadNamespace.inodeOf(NamespaceThreads.NETNS_DIR.resolve(id + "-client"));
            List<ThreadNamespace> away = JvmState.threadsInOtherNamespaces();
            assertEquals(Set.of(serverInode, clientInode), away.stream().map(ThreadNamespace::inode).collect(Collectors.toSet()),
                    "one thread each should have joined the server (listeners) and the client (probe): " + away);
            assertTrue(away.stream().allMatch(t -> t.name().startsWith("netns-")), "only namespace threads may join: " + away);
            assertEquals(0, ProcessHandle.current().children().count(),
                    "listeners and socket probes run in this JVM, without helper processes");
        } finally {
            lab.close();
        }
        assertEquals(List.of(), JvmState.threadsInOtherNamespaces(), "a thread is still in a lab namespace after close");
        assertFalse(Files.exists(NamespaceThreads.NETNS_DIR.resolve(server)), "the server namespace is still there");
    }
}
