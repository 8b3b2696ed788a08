package io.netrig.model;

import java.util.Objects;

/**
 * Where something was written: a file (or other source name), a 1-based line and column.
 * Line 0 means "the whole file" (for problems that have no single place).
 */
public record SourceLocation(String source, int line, int column) {
    public SourceLocation {
        Objects.requireNonNull(source, "source");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must not be negative: " + line + ":" + column);
        }
    }

    public static SourceLocation of(String source, int line, int column) {
        return new SourceLocation(source, line, column);
    }

    public static SourceLocation file(String source) {
        return new SourceLocation(source, 0, 0);
    }

    @Override
    public String toString() {
        return line == 0 ? source : source + ":" + line + ":" + column;
    }
}
