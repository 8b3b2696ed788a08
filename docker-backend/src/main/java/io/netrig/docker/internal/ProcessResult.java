package io.netrig.docker.internal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** How a process (on the machine, or a {@code docker exec} in a container) ended. */
public record ProcessResult(List<String> argv, int exitCode, String stdout, String stderr, Duration took) {
    public ProcessResult {
        argv = List.copyOf(argv);
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(took, "took");
    }

    public boolean ok() {
        return exitCode == 0;
    }

    /** Standard output and error together, for parsing tools that print errors on either. */
    public String output() {
        return stdout + stderr;
    }
}
