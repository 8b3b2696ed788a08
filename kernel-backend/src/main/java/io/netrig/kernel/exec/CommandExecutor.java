package io.netrig.kernel.exec;

/**
 * Runs commands. The only way the kernel backend starts processes, so that every execution is typed, bounded in
 * time, logged, and can be replaced by a recording fake in tests.
 */
public interface CommandExecutor {
    /** Runs the command and returns its result; throws {@link CommandFailedException} on a non-zero exit. */
    default CommandResult run(Command command) {
        return result(command).orThrow();
    }

    /** Runs the command and returns its result whatever the exit code (for probes whose exit code is the answer). */
    CommandResult result(Command command);

    /** Starts a long-running process (e.g. a capture); the caller ends it through the returned handle. */
    RunningProcess spawn(Command command);
}
