package io.netrig.model.spec.yaml;

import io.netrig.model.Problem;
import io.netrig.model.SourceLocation;
import io.netrig.model.spec.SourceMap;
import io.netrig.model.spec.SpecPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/** What reading one spec gathers besides the records: every problem found, and where each value was written. */
final class ReadContext {
    private final String source;
    private final List<String> lines;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<SpecPath, SourceLocation> locations = new HashMap<>();

    ReadContext(String source) {
        this(source, "");
    }

    /** @param text the spec's text, for locating the lines inside a block scalar */
    ReadContext(String source, String text) {
        this.source = source;
        this.lines = text.lines().toList();
    }

    /** Line {@code number} (1-based) of the spec's text, or "" past its end. */
    String line(int number) {
        return number >= 1 && number <= lines.size() ? lines.get(number - 1) : "";
    }

    String source() {
        return source;
    }

    /** snakeyaml marks are 0-based; people count lines and columns from 1. */
    SourceLocation at(Mark mark) {
        return SourceLocation.of(source, mark.getLine() + 1, mark.getColumn() + 1);
    }

    SourceLocation at(Node node) {
        return node.getStartMark().map(this::at).orElse(SourceLocation.file(source));
    }

    void problem(SourceLocation where, String message) {
        problems.add(new Problem(where, message));
    }

    void locate(SpecPath path, SourceLocation where) {
        locations.putIfAbsent(path, where);
    }

    SourceMap sourceMap() {
        return new SourceMap(source, locations);
    }

    /** Problems in the order they appear in the file, whatever order the sections were read in. */
    List<Problem> problemsInFileOrder() {
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Problem.IN_SOURCE_ORDER);
        return sorted;
    }
}
