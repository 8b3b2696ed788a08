package io.netrig.kernel.exec;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One process to run: its argv (never a shell string), the network namespace it acts in (for messages and the
 * execution log; empty means it acts on the machine as a whole, e.g. {@code ip netns add}), optional standard
 * input, and how long it may take.
 */
public record Command(List<String> argv, Optional<String> namespace, Optional<String> stdin, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public Command {
        argv = List.copyOf(argv);
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(timeout, "timeout");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a program name");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("command timeout must be positive, got " + timeout);
        }
    }

    public static Command of(List<String> argv) {
        return new Command(argv, Optional.empty(), Optional.empty(), DEFAULT_TIMEOUT);
    }

    public Command inNamespace(String ns) {
        return new Command(argv, Optional.of(ns), stdin, timeout);
    }

    public Command withStdin(String text) {
        return new Command(argv, namespace, Optional.of(text), timeout);
    }

    public Command withTimeout(Duration value) {
        return new Command(argv, namespace, stdin, value);
    }

    /** The namespace as messages name it. */
    public String where() {
        return namespace.map(ns -> "namespace " + ns).orElse("the machine");
    }

    @Override
    public String toString() {
        return String.join(" ", argv) + stdin.map(s -> " <<< [" + s.lines().count() + " lines]").orElse("");
    }
}
