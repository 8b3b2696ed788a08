package io.netrig.model.net;

import java.util.Optional;

/** An address configured on an interface together with its prefix length ({@code 10.3.1.45/24}). */
public record Ipv4Interface(Ipv4Address address, int length) {
    public Ipv4Interface {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length must be 0-32, got " + length);
        }
    }

    public static Ipv4Interface of(Ipv4Address address, int length) {
        return new Ipv4Interface(address, length);
    }

    /** Parses {@code a.b.c.d/len}; host bits may be set (they are the address). */
    public static Ipv4Interface parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not an interface address (expected address/length, e.g. 10.3.1.45/24)");
        }
        Ipv4Address address = Ipv4Address.tryParse(text.substring(0, slash)).orElseThrow(() -> new IllegalArgumentException(
                "'" + text + "' is not an interface address (expected address/length, e.g. 10.3.1.45/24)"));
        return new Ipv4Interface(address, Ipv4Prefix.parseLength(text, text.substring(slash + 1)));
    }

    public static Optional<Ipv4Interface> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public Ipv4Prefix prefix() {
        return Ipv4Prefix.of(address, length);
    }

    @Override
    public String toString() {
        return address + "/" + length;
    }
}
