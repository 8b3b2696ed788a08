package io.netrig.kernel.internal;

import io.netrig.kernel.exec.Command;
import java.util.Objects;

/** One command of a lab's build, with the phase it belongs to (for logs and error messages). */
public record BuildStep(String phase, Command command) {
    public BuildStep {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(command, "command");
    }
}
