package io.netrig.model;

import java.util.List;
import java.util.stream.Collectors;

/** A lab spec (or a topology built from one) is invalid; carries every problem found, not just the first. */
public class SpecException extends NetrigException {
    private final List<Problem> problems;

    public SpecException(List<Problem> problems) {
        super(render(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a SpecException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public static SpecException of(SourceLocation where, String message) {
        return new SpecException(List.of(new Problem(where, message)));
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
