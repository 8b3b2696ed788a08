package io.netrig.model;

import java.util.Comparator;
import java.util.Objects;

/** One thing wrong with a lab spec: where, and what (in the user's terms, saying what was expected). */
public record Problem(SourceLocation location, String message) {
    /** Source order: by line, then column (whole-file problems first). */
    public static final Comparator<Problem> IN_SOURCE_ORDER =
            Comparator.comparingInt((Problem p) -> p.location().line()).thenComparingInt(p -> p.location().column());

    public Problem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
