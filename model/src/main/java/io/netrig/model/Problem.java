package io.netrig.model;

import java.util.Objects;

/** One thing wrong with a lab spec: where, and what (in the user's terms, saying what was expected). */
public record Problem(SourceLocation location, String message) {
    public Problem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
