package io.netrig.kernel.exec;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One entry of an executor's log: what ran, where, how it ended and how long it took. */
public record Execution(List<String> argv, Optional<String> namespace, int exitCode, String stderr, Duration duration) {
    public Execution {
        argv = List.copyOf(argv);
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(duration, "duration");
    }

    static Execution of(CommandResult r) {
        return new Execution(r.command().argv(), r.command().namespace(), r.exitCode(), r.stderr(), r.duration());
    }
}
