package io.netrig.model.spec.yaml;

import io.netrig.model.SourceLocation;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.net.LinkName;
import io.netrig.model.net.MacAddress;
import io.netrig.model.spec.SpecPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One value of a spec with where it sits and how to name it to the user ({@code network 'pub_net': subnet}).
 * Each conversion returns the typed value, or reports a problem at the value and returns empty; an empty
 * value ({@code key:} with nothing after it, or {@code null}) reads as absent.
 */
final class Field {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    static final String NAME_RULE = "letters, digits, '-', '_' and '.', starting with a letter or digit";
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
    private static final String PREFIX_EXPECTED = "CIDR notation, e.g. 172.18.0.0/16";
    private static final String ADDRESS_EXPECTED = "four numbers 0-255 separated by dots, e.g. 10.0.0.1";
    private static final String INTERFACE_EXPECTED = "address/length, e.g. 10.3.1.45/24";

    private final ReadContext ctx;
    private final Node node;
    private final SpecPath path;
    private final String subject;
    private final String key;
    private final SourceLocation keyAt;

    /**
     * @param subject what the value belongs to, e.g. {@code network 'pub_net'} (empty at the top level)
     * @param key     how the value is called there, e.g. {@code subnet}
     * @param keyAt   where its key was written (for list items: the item itself)
     */
    Field(ReadContext ctx, Node node, SpecPath path, String subject, String key, SourceLocation keyAt) {
        this.ctx = ctx;
        this.node = node;
        this.path = path;
        this.subject = subject;
        this.key = key;
        this.keyAt = keyAt;
        // Scalars are located at the value (that is what a later problem is about), collections and empty
        // values at their key, which names them.
        ctx.locate(path, node instanceof ScalarNode s && !isNull(s) ? ctx.at(node) : keyAt);
    }

    SpecPath path() {
        return path;
    }

    /** One line of a text value, and where it was written. */
    record Line(String text, SourceLocation at) {
    }

    /**
     * The lines of a text value: a literal block scalar ({@code |}), one string, or a list of strings; blank lines and
     * {@code #} comments are dropped. Folded or plain multi-line text is refused (its lines would be joined).
     */
    Optional<List<Line>> lines(String expected) {
        List<Line> out = new java.util.ArrayList<>();
        if (node instanceof SequenceNode) {
            list("line").ifPresent(items -> items.forEach(item -> item.scalar(expected).ifPresent(t -> addLine(out, t, item.at()))));
            return Optional.of(out);
        }
        if (!(node instanceof ScalarNode s) || isNull(s)) {
            scalar(expected);
            return Optional.empty();
        }
        if (s.getScalarStyle() == org.snakeyaml.engine.v2.common.ScalarStyle.LITERAL) {
            SourceLocation start = ctx.at(node);
            String[] texts = s.getValue().split("\n", -1);
            for (int i = 0; i < texts.length; i++) {
                int lineNo = start.line() + 1 + i;
                String sourceLine = ctx.line(lineNo);
                int indent = sourceLine.length() - sourceLine.stripLeading().length();
                addLine(out, texts[i], SourceLocation.of(start.source(), lineNo, indent + 1));
            }
            return Optional.of(out);
        }
        if (s.getValue().contains("\n")) {
            problem(lead() + ": write several lines as a literal block (|) or a list, not folded text");
            return Optional.empty();
        }
        addLine(out, s.getValue(), at());
        return Optional.of(out);
    }

    private static void addLine(List<Line> out, String text, SourceLocation at) {
        String t = text.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
            out.add(new Line(t, at));
        }
    }

    SourceLocation at() {
        return node instanceof ScalarNode s && !isNull(s) ? ctx.at(node) : keyAt;
    }

    SourceLocation keyAt() {
        return keyAt;
    }

    boolean isNull() {
        return node instanceof ScalarNode s && isNull(s);
    }

    /** {@code network 'pub_net': subnet}, or just the key at the top level. */
    String lead() {
        return subject.isEmpty() ? key : subject + ": " + key;
    }

    void problem(String message) {
        ctx.problem(at(), message);
    }

    void problemAtKey(String message) {
        ctx.problem(keyAt, message);
    }

    void problemAt(SourceLocation where, String message) {
        ctx.problem(where, message);
    }

    /** Records this value's location under another path too (a list item that stands for a named entry). */
    /** Records where a part of this value (one line of it) was written. */
    void locate(SpecPath part, SourceLocation where) {
        ctx.locate(part, where);
    }

    void locateAs(SpecPath other) {
        ctx.locate(other, at());
    }

    /** The last key of this value's path: for an entry of a name-keyed mapping, the name. */
    String name() {
        return path.keys().getLast();
    }

    // ---- structure

    /** The value as a mapping; an empty value is an empty mapping (all defaults). */
    Optional<MappingReader> mapping(String subjectOfMapping) {
        if (node instanceof MappingNode m) {
            return Optional.of(MappingReader.of(ctx, m, path, subjectOfMapping, keyAt));
        }
        if (isNull()) {
            return Optional.of(MappingReader.empty(ctx, path, subjectOfMapping, keyAt));
        }
        wrongType("a mapping");
        return Optional.empty();
    }

    /**
     * The items of a list, each named {@code itemKey N of subject} (1-based) in messages; an empty value is an
     * empty list.
     */
    Optional<List<Field>> list(String itemKey) {
        if (node instanceof SequenceNode seq) {
            List<Field> items = new ArrayList<>();
            List<Node> values = seq.getValue();
            for (int i = 0; i < values.size(); i++) {
                Node item = values.get(i);
                String itemName = itemKey + " " + (i + 1) + (subject.isEmpty() ? "" : " of " + subject);
                items.add(new Field(ctx, item, path.child(i), "", itemName, ctx.at(item)));
            }
            return Optional.of(items);
        }
        if (isNull()) {
            return Optional.of(List.of());
        }
        wrongType("a list");
        return Optional.empty();
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    boolean isSequence() {
        return node instanceof SequenceNode;
    }

    // ---- scalars

    /** A flag option as Docker's {@code --opt NAME} passes it: present with no value or an empty one, or true/false. */
    Optional<Boolean> flag() {
        if (isNull()) {
            return Optional.of(true);
        }
        Optional<String> raw = scalar("nothing, \"\", true or false");
        return raw.flatMap(text -> switch (text.strip()) {
            case "", "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> {
                problem(lead() + " '" + text + "' is not empty, true or false (Docker's --opt " + key + " takes no value)");
                yield Optional.<Boolean>empty();
            }
        });
    }

    /** Any non-empty text (numbers and booleans are read as written). */
    Optional<String> text(String expected) {
        Optional<String> raw = scalar(expected);
        if (raw.isPresent() && raw.get().isBlank()) {
            problem(lead() + " is empty (expected " + expected + ")");
            return Optional.empty();
        }
        return raw;
    }

    /**
     * A text value read by {@code parser}, which throws {@link IllegalArgumentException} with the reason (Docker's
     * wording where Docker has one) when the text is not valid.
     */
    <T> Optional<T> parsed(String expected, Function<String, T> parser) {
        return text(expected).flatMap(raw -> {
            try {
                return Optional.of(parser.apply(raw));
            } catch (IllegalArgumentException e) {
                problem(lead() + " '" + raw + "': " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** A Linux interface name (≤ 15 characters, no '/', ':' or spaces). */
    Optional<String> linkName() {
        return text("an interface name, e.g. eth0").filter(name -> {
            Optional<String> why = LinkName.problem(name);
            why.ifPresent(w -> problem(subject.isEmpty() ? w : subject + ": " + w));
            return why.isEmpty();
        });
    }

    /** true or false; {@code lenient} also takes the strings "true"/"false", as Docker's option maps do. */
    Optional<Boolean> bool(boolean lenient) {
        Optional<String> raw = scalar("true or false");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Tag tag = node.getTag();
        String text = raw.get();
        if (tag.equals(Tag.BOOL) || lenient && (text.equals("true") || text.equals("false"))) {
            return Optional.of(text.equalsIgnoreCase("true"));
        }
        invalid(text, "true or false", "true or false");
        return Optional.empty();
    }

    /** A decimal integer in [min, max]; {@code lenient} also takes a quoted number ("1450"). */
    OptionalInt integer(int min, int max, boolean lenient) {
        String expected = "an integer " + min + "-" + max;
        Optional<String> raw = scalar(expected);
        if (raw.isEmpty()) {
            return OptionalInt.empty();
        }
        String text = raw.get().trim();
        boolean typed = node.getTag().equals(Tag.INT) || lenient && node.getTag().equals(Tag.STR);
        if (!typed || !DECIMAL.matcher(text).matches()) {
            invalid(raw.get(), "an integer", expected);
            return OptionalInt.empty();
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            value = Long.MAX_VALUE; // more digits than a long: certainly out of range
        }
        if (value < min || value > max) {
            problem(lead() + " " + text + " is out of range (expected " + expected + ")");
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) value);
    }

    /** One word of a closed set (a driver, a result), with a suggestion when it looks like a typo. */
    <E> Optional<E> choice(String what, Function<String, Optional<E>> parse, List<String> words) {
        String expected = "one of: " + String.join(", ", words);
        Optional<String> raw = scalar(expected);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Optional<E> value = parse.apply(raw.get().trim());
        if (value.isEmpty()) {
            String hint = Suggestions.closest(raw.get(), words).map(s -> "did you mean '" + s + "'? ").orElse("");
            problem(lead() + " '" + raw.get() + "' is not " + what + " (" + hint + "expected " + expected + ")");
        }
        return value;
    }

    Optional<Ipv4Address> address() {
        Optional<String> raw = scalar("an IPv4 address, e.g. 10.0.0.1");
        Optional<Ipv4Address> value = raw.flatMap(Ipv4Address::tryParse);
        if (raw.isPresent() && value.isEmpty()) {
            invalid(raw.get(), "an IPv4 address", ADDRESS_EXPECTED);
        }
        return value;
    }

    /** An IPv4 network in CIDR notation with host bits zero; {@code allowDefault} also takes "default" (0.0.0.0/0). */
    Optional<Ipv4Prefix> prefix(boolean allowDefault) {
        String expected = allowDefault ? PREFIX_EXPECTED + ", or default" : PREFIX_EXPECTED;
        Optional<String> raw = scalar(expected);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String text = raw.get().trim();
        if (allowDefault && text.equals("default")) {
            return Optional.of(Ipv4Prefix.DEFAULT);
        }
        Optional<Ipv4Interface> parsed = slashed(text);
        if (parsed.isEmpty()) {
            invalid(raw.get(), "an IPv4 prefix", expected);
            return Optional.empty();
        }
        Ipv4Prefix network = parsed.get().prefix();
        if (!network.network().equals(parsed.get().address())) {
            problem(lead() + " '" + raw.get() + "' has host bits set (expected the network address: " + network + ")");
            return Optional.empty();
        }
        return Optional.of(network);
    }

    /** An address with its prefix length as configured on an interface ({@code 10.3.1.45/24}). */
    Optional<Ipv4Interface> interfaceAddress() {
        Optional<String> raw = scalar(INTERFACE_EXPECTED);
        Optional<Ipv4Interface> value = raw.flatMap(t -> slashed(t.trim()));
        if (raw.isPresent() && value.isEmpty()) {
            invalid(raw.get(), "an address with a prefix length", INTERFACE_EXPECTED);
        }
        return value;
    }

    Optional<MacAddress> mac() {
        String expected = "six hex pairs separated by colons, e.g. 02:42:ac:11:00:02";
        Optional<String> raw = scalar(expected);
        Optional<MacAddress> value = raw.flatMap(MacAddress::tryParse);
        if (raw.isPresent() && value.isEmpty()) {
            invalid(raw.get(), "a MAC address", expected);
        }
        return value;
    }

    // ---- helpers

    /** The scalar's text as written; reports collections; empty values read as absent. */
    private Optional<String> scalar(String expected) {
        if (node instanceof ScalarNode s) {
            return isNull(s) ? Optional.empty() : Optional.of(s.getValue());
        }
        wrongType(expected);
        return Optional.empty();
    }

    private void wrongType(String expected) {
        String got = switch (node) {
            case MappingNode m -> "a mapping";
            case SequenceNode s -> "a list";
            case ScalarNode s when isNull(s) -> "empty";
            case ScalarNode s -> "'" + s.getValue() + "'";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
        problem(lead() + " is " + got + " (expected " + expected + ")");
    }

    private void invalid(String text, String what, String expected) {
        problem(lead() + " '" + text + "' is not " + what + " (expected " + expected + ")");
    }

    private static Optional<Ipv4Interface> slashed(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String length = text.substring(slash + 1);
        if (length.isEmpty() || length.length() > 2 || !length.chars().allMatch(Character::isDigit)
                || Integer.parseInt(length) > 32) {
            return Optional.empty();
        }
        return Ipv4Address.tryParse(text.substring(0, slash)).map(a -> Ipv4Interface.of(a, Integer.parseInt(length)));
    }

    private static boolean isNull(ScalarNode s) {
        return s.getTag().equals(Tag.NULL);
    }
}
