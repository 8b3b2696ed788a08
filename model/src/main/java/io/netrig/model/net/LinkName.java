package io.netrig.model.net;

import java.util.Optional;

/** A Linux interface name: 1-15 bytes, no '/', ':' or whitespace, not "." or "..". */
public record LinkName(String value) implements Comparable<LinkName> {
    public static final int MAX_LENGTH = 15;

    public LinkName {
        problem(value).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
    }

    public static LinkName of(String value) {
        return new LinkName(value);
    }

    /** Why {@code value} cannot be an interface name, or empty when it can. */
    public static Optional<String> problem(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("an interface name must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            return Optional.of("interface name '" + value + "' is " + value.length()
                    + " characters long (Linux allows at most " + MAX_LENGTH + ")");
        }
        if (value.equals(".") || value.equals("..") || value.chars().anyMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c) || c > 126)) {
            return Optional.of("interface name '" + value + "' contains a character Linux does not allow (no '/', ':', spaces or non-ASCII)");
        }
        return Optional.empty();
    }

    @Override
    public int compareTo(LinkName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
