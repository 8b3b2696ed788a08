package io.netrig.scenarios.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A lab spec as a YAML document tree: mappings ({@link LinkedHashMap}, order kept), lists and scalars (text, integers,
 * booleans). The fuzzer builds labs as trees so that it can render them as spec files people can run, and so that the
 * minimiser can cut parts out generically (any mapping entry or list item, at any depth). Immutable in use: edits
 * return copies.
 */
final class SpecTree {
    /** Text that YAML 1.2 reads back as the same string without quotes. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*|[0-9]+(\\.[0-9]+){2,}(/[0-9]+)?");
    private static final Pattern NOT_PLAIN_WORDS = Pattern.compile("true|false|null|yes|no|on|off|y|n|~", Pattern.CASE_INSENSITIVE);

    private final Map<String, Object> root;

    SpecTree(Map<String, Object> root) {
        this.root = copyMap(root);
    }

    Map<String, Object> root() {
        return copyMap(root);
    }

    /** A step from a node to one of its children: a mapping key or a list index. */
    sealed interface Step permits Key, Index {
    }

    record Key(String key) implements Step {
        @Override
        public String toString() {
            return key;
        }
    }

    record Index(int index) implements Step {
        @Override
        public String toString() {
            return Integer.toString(index);
        }
    }

    /** Where a node is: the steps from the root, e.g. {@code containers.c1.ports.0}. */
    record Path(List<Step> steps) {
        Path {
            steps = List.copyOf(steps);
        }

        Path child(Step s) {
            List<Step> out = new ArrayList<>(steps);
            out.add(s);
            return new Path(out);
        }

        @Override
        public String toString() {
            return String.join(".", steps.stream().map(Step::toString).toList());
        }
    }

    /** Every mapping entry and list item, parents before their children (large cuts first). */
    List<Path> parts() {
        List<Path> out = new ArrayList<>();
        List<Path> frontier = List.of(new Path(List.of()));
        while (!frontier.isEmpty()) {
            List<Path> next = new ArrayList<>();
            for (Path p : frontier) {
                Object node = at(p).orElseThrow();
                if (node instanceof Map<?, ?> m) {
                    m.keySet().forEach(k -> next.add(p.child(new Key((String) k))));
                } else if (node instanceof List<?> l) {
                    for (int i = 0; i < l.size(); i++) {
                        next.add(p.child(new Index(i)));
                    }
                }
            }
            out.addAll(next);
            frontier = next;
        }
        return out;
    }

    Optional<Object> at(Path path) {
        Object node = root;
        for (Step s : path.steps()) {
            if (s instanceof Key(String k) && node instanceof Map<?, ?> m && m.containsKey(k)) {
                node = m.get(k);
            } else if (s instanceof Index(int i) && node instanceof List<?> l && i < l.size()) {
                node = l.get(i);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    /** The tree without the node at {@code path}; a mapping or list left empty by the cut stays, empty. */
    SpecTree without(Path path) {
        if (path.steps().isEmpty()) {
            throw new IllegalArgumentException("cannot remove the root");
        }
        Map<String, Object> copy = copyMap(root);
        Object parent = copy;
        List<Step> steps = path.steps();
        for (Step s : steps.subList(0, steps.size() - 1)) {
            parent = switch (s) {
                case Key(String k) -> ((Map<?, ?>) parent).get(k);
                case Index(int i) -> ((List<?>) parent).get(i);
            };
        }
        switch (steps.getLast()) {
            case Key(String k) -> ((Map<?, ?>) parent).remove(k);
            case Index(int i) -> ((List<?>) parent).remove(i);
        }
        return new SpecTree(copy);
    }

    /** The tree with {@code value} at {@code key} of the mapping at {@code path} (added or replaced). */
    SpecTree with(Path path, String key, Object value) {
        Map<String, Object> copy = copyMap(root);
        Object node = copy;
        for (Step s : path.steps()) {
            node = switch (s) {
                case Key(String k) -> ((Map<?, ?>) node).get(k);
                case Index(int i) -> ((List<?>) node).get(i);
            };
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) node;
        m.put(key, copyNode(value));
        return new SpecTree(copy);
    }

    /** The spec text: block mappings down to the second level, flow style below. */
    String yaml() {
        StringBuilder out = new StringBuilder();
        block(out, root, 0);
        return out.toString();
    }

    private static void block(StringBuilder out, Map<?, ?> map, int depth) {
        for (var e : map.entrySet()) {
            out.append("  ".repeat(depth)).append(scalar(e.getKey())).append(':');
            Object v = e.getValue();
            if (v instanceof Map<?, ?> m && !m.isEmpty() && depth < 1) {
                out.append('\n');
                block(out, m, depth + 1);
            } else if (v instanceof List<?> l && !l.isEmpty() && depth < 1) {
                out.append('\n');
                for (Object item : l) {
                    out.append("  ".repeat(depth + 1)).append("- ").append(flow(item)).append('\n');
                }
            } else {
                out.append(' ').append(flow(v)).append('\n');
            }
        }
    }

    private static String flow(Object v) {
        return switch (v) {
            case Map<?, ?> m -> "{" + String.join(", ", m.entrySet().stream()
                    .map(e -> scalar(e.getKey()) + ": " + flow(e.getValue())).toList()) + "}";
            case List<?> l -> "[" + String.join(", ", l.stream().map(SpecTree::flow).toList()) + "]";
            default -> scalar(v);
        };
    }

    private static String scalar(Object v) {
        return switch (v) {
            case Boolean b -> b.toString();
            case Integer i -> i.toString();
            case String s when PLAIN.matcher(s).matches() && !NOT_PLAIN_WORDS.matcher(s).matches() -> s;
            case String s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            default -> throw new IllegalArgumentException("not a spec scalar: " + v + " (" + v.getClass().getSimpleName() + ")");
        };
    }

    private static Map<String, Object> copyMap(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put((String) k, copyNode(v)));
        return out;
    }

    private static Object copyNode(Object v) {
        return switch (v) {
            case Map<?, ?> m -> copyMap(m);
            case List<?> l -> new ArrayList<>(l.stream().map(SpecTree::copyNode).toList());
            default -> v;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecTree t && t.root.equals(root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }
}
