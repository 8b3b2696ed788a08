package io.netrig.kernel.exec;

import java.util.List;

/** The few file operations netrig asks of a remote machine (its agent's jar cache), as typed commands. */
public final class FileCommands {
    private FileCommands() {
    }

    public static Command makeDirs(String dir) {
        return Command.of(List.of("mkdir", "-p", dir));
    }

    /** The names in a folder, one a line. */
    public static Command list(String dir) {
        return Command.of(List.of("ls", "-1", dir));
    }

    /**
     * Moves every file of {@code from} into {@code to} in one process ({@code find FROM -mindepth 1 -maxdepth 1 -exec
     * mv -f -t TO {} +}, no shell and no glob). Renames within one file system are atomic: a half-copied jar never has
     * its final name.
     */
    public static Command moveAll(String from, String to) {
        return Command.of(List.of("find", from, "-mindepth", "1", "-maxdepth", "1", "-exec", "mv", "-f", "-t", to, "{}", "+"));
    }

    public static Command removeEmptyDir(String dir) {
        return Command.of(List.of("rmdir", dir));
    }

    /** The version line of a {@code java} (printed on standard error). */
    public static Command javaVersion(String java) {
        return Command.of(List.of(java, "-version"));
    }
}
