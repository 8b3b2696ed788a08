package io.netrig.kernel.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which network namespace one thread of this JVM is in, by the namespace's inode (what {@code ls -l
 * /proc/self/task/TID/ns/net} shows as {@code net:[INODE]}, and what {@code stat} of {@code /run/netns/NAME} gives).
 */
public record ThreadNamespace(int tid, String name, long inode) {
    private static final Path TASKS = Path.of("/proc/self/task");

    /** Every thread of this process now; threads that end while being listed are left out. */
    public static List<ThreadNamespace> ofThisProcess() {
        List<ThreadNamespace> out = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    long inode = inodeOf(task.resolve("ns").resolve("net"));
                    String comm = Files.readString(task.resolve("comm")).strip();
                    out.add(new ThreadNamespace(Integer.parseInt(task.getFileName().toString()), comm, inode));
                } catch (NoSuchFileException gone) {
                    // the thread ended between the listing and the read: it is in no namespace any more
                } catch (UncheckedIOException e) {
                    if (!(e.getCause() instanceof NoSuchFileException)) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the threads of this process in " + TASKS, e);
        }
        return List.copyOf(out);
    }

    /** The inode of a namespace file ({@code /run/netns/NAME}, {@code /proc/.../ns/net}); follows the magic link. */
    public static long inodeOf(Path namespaceFile) {
        try {
            return (Long) Files.getAttribute(namespaceFile, "unix:ino");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat namespace file " + namespaceFile, e);
        }
    }

    /** The namespace of the process as a whole (its first thread), which lab threads return to. */
    public static long ofProcess() {
        return inodeOf(Path.of("/proc/self/ns/net"));
    }

    @Override
    public String toString() {
        return "thread " + name + " (tid " + tid + ") in net:[" + inode + "]";
    }
}
