package io.netrig.kernel;

import io.netrig.kernel.netns.ThreadNamespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a lab must leave as it found it inside this JVM: no thread in another network namespace than the process's,
 * and no socket still open. A socket or a thread in a lab namespace keeps that namespace alive after {@code ip netns
 * del}, invisibly to {@code ip netns list}.
 */
public record JvmState(Set<String> sockets) {
    private static final Path FDS = Path.of("/proc/self/fd");

    public static JvmState now() {
        Set<String> sockets = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FDS)) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:")) {
                        sockets.add(target);
                    }
                } catch (NoSuchFileException closedMeanwhile) {
                    // the fd of the directory listing itself, or one closed while listing
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new JvmState(Set.copyOf(sockets));
    }

    /** Sockets open now that were not open in {@code before}. */
    public Set<String> socketsOpenedSince(JvmState before) {
        Set<String> out = new HashSet<>(sockets);
        out.removeAll(before.sockets);
        return out;
    }

    /** Threads of this JVM whose network namespace is not the process's. */
    public static List<ThreadNamespace> threadsInOtherNamespaces() {
        long home = ThreadNamespace.ofProcess();
        return ThreadNamespace.ofThisProcess().stream().filter(t -> t.inode() != home).toList();
    }
}
