package io.netrig.kernel.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A program run inside a network namespace: {@code ip netns exec NS argv...}. */
public record NetnsExec(String namespace, List<String> argv) {
    public NetnsExec {
        Objects.requireNonNull(namespace, "namespace");
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("nothing to run in namespace " + namespace);
        }
    }

    public static NetnsExec of(String namespace, String... argv) {
        return new NetnsExec(namespace, List.of(argv));
    }

    public Command toCommand() {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(argv);
        return Command.of(full).inNamespace(namespace);
    }
}
