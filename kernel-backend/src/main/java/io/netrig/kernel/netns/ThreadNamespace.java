package io.netrig.kernel.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryIteratorException;
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
        for (int attempt = 1; ; attempt++) {
            try {
                return list();
            } catch (DirectoryIteratorException e) {
                // the task directory changed under the listing (threads ending): list it again
                if (attempt == LIST_ATTEMPTS) {
                    throw new UncheckedIOException("cannot list the threads of this process in " + TASKS, e.getCause());
                }
            }
        }
    }

    private static final int LIST_ATTEMPTS = 3;

    private static List<ThreadNamespace> list() {
        List<ThreadNamespace> out = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    long inode = (Long) Files.getAttribute(task.resolve("ns").resolve("net"), "unix:ino");
                    String comm = Files.readString(task.resolve("comm")).strip();
                    out.add(new ThreadNamespace(Integer.parseInt(task.getFileName().toString()), comm, inode));
                } catch (IOException e) {
                    // a thread that ended between the listing and the reads (ENOENT, or ESRCH while it exits) is in no
                    // namespace any more; any other failure on a thread that is still there is real
                    if (!(e instanceof NoSuchFileException) && Files.isDirectory(task) && !exiting(e)) {
                        throw new UncheckedIOException("cannot read the namespace of " + task, e);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the threads of this process in " + TASKS, e);
        }
        return List.copyOf(out);
    }

    /** ESRCH: the task is exiting (its files are still listed but no longer readable). */
    private static boolean exiting(IOException e) {
        return e instanceof java.nio.file.FileSystemException f && f.getReason() != null && f.getReason().contains("No such process");
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
