package io.netrig.kernel.exec;

import java.time.Duration;
import java.util.Objects;

/** What one finished process did: its exit code, its output, and how long it took. */
public record CommandResult(Command command, int exitCode, String stdout, String stderr, Duration duration) {
    public CommandResult {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(duration, "duration");
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Throws {@link CommandFailedException} unless the process exited with 0. */
    public CommandResult orThrow() {
        if (!succeeded()) {
            throw new CommandFailedException(command, exitCode, stderr);
        }
        return this;
    }
}
