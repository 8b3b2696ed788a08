package io.netrig.model.spec.yaml;

import io.netrig.model.SourceLocation;
import io.netrig.model.spec.SpecPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads the keys of one YAML mapping. Asking for a key marks it as known; {@link #finish()} then reports every
 * key nobody asked for, with a suggestion among the known ones. Duplicate keys are reported when the reader is
 * made (the first one counts).
 */
final class MappingReader {
    private record Entry(String key, Node keyNode, Node value) {
    }

    private final ReadContext ctx;
    private final SpecPath path;
    private final String subject;
    private final SourceLocation anchor;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Set<String> consumed = new LinkedHashSet<>();
    private final Set<String> expected = new LinkedHashSet<>();
    private final Set<String> spellings = new LinkedHashSet<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();

    private MappingReader(ReadContext ctx, SpecPath path, String subject, SourceLocation anchor) {
        this.ctx = ctx;
        this.path = path;
        this.subject = subject;
        this.anchor = anchor;
    }

    /**
     * @param subject names the mapping in messages, e.g. {@code network 'pub_net'}; empty for the top level
     * @param anchor  where problems about the mapping as a whole (a missing key) are reported: its key
     */
    static MappingReader of(ReadContext ctx, MappingNode node, SpecPath path, String subject, SourceLocation anchor) {
        MappingReader reader = new MappingReader(ctx, path, subject, anchor);
        for (NodeTuple tuple : node.getValue()) {
            reader.add(tuple.getKeyNode(), tuple.getValueNode());
        }
        return reader;
    }

    static MappingReader empty(ReadContext ctx, SpecPath path, String subject, SourceLocation anchor) {
        return new MappingReader(ctx, path, subject, anchor);
    }

    private void add(Node keyNode, Node value) {
        if (!(keyNode instanceof ScalarNode scalar) || scalar.getValue().isEmpty()) {
            ctx.problem(ctx.at(keyNode), "a key " + where() + " must be plain text (expected a name followed by ':')");
            return;
        }
        String key = scalar.getValue();
        Entry first = entries.get(key);
        if (first != null) {
            ctx.problem(ctx.at(keyNode), "duplicate key '" + key + "' " + where() + " (first written at line "
                    + ctx.at(first.keyNode()).line() + "; write each key once)");
            return;
        }
        entries.put(key, new Entry(key, keyNode, value));
    }

    SpecPath path() {
        return path;
    }

    String subject() {
        return subject;
    }

    SourceLocation anchor() {
        return anchor;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /**
     * The value of {@code key}, also accepted as {@code alternates} (e.g. dockerd's hyphenated spellings). The
     * value is recorded under the canonical key's path.
     */
    Optional<Field> field(String key, String... alternates) {
        expected.add(key);
        spellings.add(key);
        Entry found = null;
        for (String spelling : withAlternates(key, alternates)) {
            spellings.add(spelling);
            consumed.add(spelling);
            Entry e = entries.get(spelling);
            if (e == null) {
                continue;
            }
            if (found != null) {
                ctx.problem(ctx.at(e.keyNode()), "'" + found.key() + "' and '" + spelling + "' " + where()
                        + " are two spellings of the same key (expected only one of them)");
            } else {
                found = e;
            }
        }
        return Optional.ofNullable(found).map(this::toField);
    }

    /** Like {@link #field} but reports a missing (or empty) value, saying what was expected. */
    Optional<Field> required(String key, String whatExpected) {
        Optional<Field> f = field(key);
        if (f.isEmpty() || f.get().isNull()) {
            ctx.problem(f.map(Field::keyAt).orElse(anchor), prefix() + key + " is missing (expected " + whatExpected + ")");
            return Optional.empty();
        }
        return f;
    }

    /**
     * Every entry of a mapping whose keys are names the user chose (networks, hosts, ...). Each value is named
     * {@code kind 'name'} in messages. With {@code defines}, the keys must be valid names.
     */
    List<Field> namedEntries(String kind, boolean defines) {
        List<Field> result = new ArrayList<>();
        for (Entry e : entries.values()) {
            consumed.add(e.key());
            Field f = new Field(ctx, e.value(), path.child(e.key()), "", kind + " '" + e.key() + "'", ctx.at(e.keyNode()));
            if (defines && !Field.NAME.matcher(e.key()).matches()) {
                ctx.problem(ctx.at(e.keyNode()), kind + " name '" + e.key() + "' is not a valid name (expected "
                        + Field.NAME_RULE + ")");
                continue;
            }
            result.add(f);
        }
        return result;
    }

    /** The keys present that no one asked for yet (to treat them differently before {@link #finish()}). */
    List<String> unreadKeys() {
        return entries.keySet().stream().filter(k -> !consumed.contains(k)).toList();
    }

    SourceLocation keyAt(String key) {
        Entry e = entries.get(key);
        return e == null ? anchor : ctx.at(e.keyNode());
    }

    void consume(String key) {
        consumed.add(key);
    }

    /** Reports every key that was not asked for. */
    void finish() {
        for (String key : unreadKeys()) {
            String hint = Suggestions.closest(key, spellings).map(s -> "did you mean '" + s + "'? ").orElse("");
            String known = expected.isEmpty() ? "it takes no keys" : "expected one of: " + String.join(", ", expected);
            ctx.problem(keyAt(key), "unknown key '" + key + "' " + where() + " (" + hint + known + ")");
        }
    }

    String prefix() {
        return subject.isEmpty() ? "" : subject + ": ";
    }

    private String where() {
        return subject.isEmpty() ? "at the top level" : "in " + subject;
    }

    private Field toField(Entry e) {
        return new Field(ctx, e.value(), path.child(canonical(e.key())), subject, e.key(), ctx.at(e.keyNode()));
    }

    private String canonical(String spelling) {
        return aliases.getOrDefault(spelling, spelling);
    }

    private List<String> withAlternates(String key, String... alternates) {
        List<String> all = new ArrayList<>();
        all.add(key);
        for (String a : alternates) {
            aliases.put(a, key);
            all.add(a);
        }
        return all;
    }
}
