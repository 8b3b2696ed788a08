package io.netrig.kernel.exec;

import io.netrig.model.NetrigException;
import java.util.List;
import java.util.Optional;

/** A process the kernel backend ran exited with a non-zero code (or ran out of time). */
public class CommandFailedException extends NetrigException {
    private final List<String> argv;
    private final Optional<String> namespace;
    private final int exitCode;
    private final String stderr;

    public CommandFailedException(Command command, int exitCode, String stderr) {
        super(message(command, exitCode, stderr));
        this.argv = command.argv();
        this.namespace = command.namespace();
        this.exitCode = exitCode;
        this.stderr = stderr;
    }

    public List<String> argv() {
        return argv;
    }

    public Optional<String> namespace() {
        return namespace;
    }

    public int exitCode() {
        return exitCode;
    }

    public String stderr() {
        return stderr;
    }

    private static String message(Command command, int exitCode, String stderr) {
        String err = stderr.strip();
        return "'" + String.join(" ", command.argv()) + "' in " + command.where() + " failed with exit code " + exitCode
                + (err.isEmpty() ? " (no error output)" : ": " + err);
    }
}
