package io.netrig.model.check;

import io.netrig.model.backend.Probe;
import io.netrig.model.spec.ExpectedResult;
import java.util.Objects;

/** A probe to run and the result expected of it. */
public record Expectation(Probe probe, ExpectedResult expected) {
    public Expectation {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(expected, "expected");
    }
}
