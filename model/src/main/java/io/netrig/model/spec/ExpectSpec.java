package io.netrig.model.spec;

import java.util.Objects;

/** One line of a spec's {@code expect:} list: a probe and the result it should have. */
public record ExpectSpec(ProbeSpec probe, ExpectedResult result, SpecPath path) {
    public ExpectSpec {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(path, "path");
    }
}
