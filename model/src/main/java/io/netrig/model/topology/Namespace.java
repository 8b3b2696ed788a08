package io.netrig.model.topology;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An emulated network namespace, named as the lab names it (backends add their own prefix).
 * Names are lower-case letters, digits, '-', '_' and '.', starting with a letter or digit.
 */
public record Namespace(String name, NamespaceKind kind, Provenance provenance) {
    public static final int MAX_NAME_LENGTH = 40;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    public Namespace {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(provenance, "provenance");
        if (!validName(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a usable namespace name (letters, digits, '-', '_', '.', at most "
                    + MAX_NAME_LENGTH + " characters, starting with a letter or digit)");
        }
    }

    public static boolean validName(String name) {
        return name != null && name.length() <= MAX_NAME_LENGTH && NAME.matcher(name).matches();
    }
}
