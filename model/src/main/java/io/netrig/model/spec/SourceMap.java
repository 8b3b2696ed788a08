package io.netrig.model.spec;

import io.netrig.model.SourceLocation;
import java.util.Map;

/**
 * Where each part of a spec was written. Lookups fall back to the nearest enclosing part that has a
 * location, then to the source itself, so every problem can name a file:line:column.
 */
public record SourceMap(String source, Map<SpecPath, SourceLocation> locations) {
    public SourceMap {
        locations = Map.copyOf(locations);
    }

    public static SourceMap empty(String source) {
        return new SourceMap(source, Map.of());
    }

    public SourceLocation locate(SpecPath path) {
        SpecPath p = path;
        while (true) {
            SourceLocation at = locations.get(p);
            if (at != null) {
                return at;
            }
            if (p.keys().isEmpty()) {
                return SourceLocation.file(source);
            }
            p = p.parent();
        }
    }

    public SourceLocation locate(String... keys) {
        return locate(SpecPath.of(keys));
    }
}
