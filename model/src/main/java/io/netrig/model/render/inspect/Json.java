package io.netrig.model.render.inspect;

import io.netrig.model.render.JsonString;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON tree and a writer that lays it out as Go's {@code json.Indent} does (the layout of {@code docker ...
 * inspect}): one member per line, empty objects and arrays as {@code {}} and {@code []}, strings as
 * {@link JsonString} writes them.
 */
sealed interface Json {
    Json NULL = new Null();
    Json TRUE = new Bool(true);
    Json FALSE = new Bool(false);

    record Obj(Map<String, Json> members) implements Json {
        public Obj {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }
    }

    record Arr(List<Json> items) implements Json {
        public Arr {
            items = List.copyOf(items);
        }
    }

    record Str(String value) implements Json {
    }

    record Num(long value) implements Json {
    }

    record Bool(boolean value) implements Json {
    }

    record Null() implements Json {
    }

    static Json str(String value) {
        return new Str(value);
    }

    static Json num(long value) {
        return new Num(value);
    }

    static Json bool(boolean value) {
        return value ? TRUE : FALSE;
    }

    static Json arr(List<Json> items) {
        return new Arr(items);
    }

    static Json strings(List<String> values) {
        return new Arr(values.stream().map(Json::str).toList());
    }

    static Json obj(Map<String, Json> members) {
        return new Obj(members);
    }

    /** An object whose values are all strings, in the map's order. */
    static Json strObj(Map<String, String> members) {
        Map<String, Json> m = new LinkedHashMap<>();
        members.forEach((k, v) -> m.put(k, str(v)));
        return new Obj(m);
    }

    /** Builds an object member by member, in order. */
    static Builder object() {
        return new Builder();
    }

    final class Builder {
        private final Map<String, Json> members = new LinkedHashMap<>();

        Builder put(String key, Json value) {
            members.put(key, value);
            return this;
        }

        Builder put(String key, String value) {
            return put(key, str(value));
        }

        Builder put(String key, long value) {
            return put(key, num(value));
        }

        Builder put(String key, boolean value) {
            return put(key, bool(value));
        }

        Json build() {
            return new Obj(members);
        }
    }

    /** The value laid out with {@code indent} per level, without a final newline. */
    static String write(Json value, String indent) {
        StringBuilder sb = new StringBuilder();
        write(value, indent, 0, sb);
        return sb.toString();
    }

    private static void write(Json value, String indent, int level, StringBuilder sb) {
        switch (value) {
            case Obj(Map<String, Json> members) -> {
                if (members.isEmpty()) {
                    sb.append("{}");
                    return;
                }
                sb.append('{');
                String sep = "\n";
                for (Map.Entry<String, Json> e : members.entrySet()) {
                    sb.append(sep).append(indent.repeat(level + 1));
                    JsonString.quote(e.getKey(), sb);
                    sb.append(": ");
                    write(e.getValue(), indent, level + 1, sb);
                    sep = ",\n";
                }
                sb.append('\n').append(indent.repeat(level)).append('}');
            }
            case Arr(List<Json> items) -> {
                if (items.isEmpty()) {
                    sb.append("[]");
                    return;
                }
                sb.append('[');
                String sep = "\n";
                for (Json item : items) {
                    sb.append(sep).append(indent.repeat(level + 1));
                    write(item, indent, level + 1, sb);
                    sep = ",\n";
                }
                sb.append('\n').append(indent.repeat(level)).append(']');
            }
            case Str(String s) -> JsonString.quote(s, sb);
            case Num(long n) -> sb.append(n);
            case Bool(boolean b) -> sb.append(b);
            case Null n -> sb.append("null");
        }
    }
}
