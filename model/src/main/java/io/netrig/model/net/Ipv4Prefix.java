package io.netrig.model.net;

import java.util.Optional;

/** An IPv4 network: its network address (host bits zero) and prefix length. */
public record Ipv4Prefix(Ipv4Address network, int length) implements Comparable<Ipv4Prefix> {
    public static final Ipv4Prefix DEFAULT = new Ipv4Prefix(Ipv4Address.ANY, 0);

    public Ipv4Prefix {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length must be 0-32, got " + length);
        }
        if ((network.bits() & ~mask(length)) != 0) {
            throw new IllegalArgumentException(network + "/" + length + " has host bits set (the network is "
                    + Ipv4Address.of(network.bits() & mask(length)) + "/" + length + ")");
        }
    }

    public static Ipv4Prefix of(Ipv4Address anyAddressInside, int length) {
        return new Ipv4Prefix(Ipv4Address.of(anyAddressInside.bits() & mask(length)), length);
    }

    /** Parses CIDR notation ({@code 172.18.0.0/16}); {@code default} means 0.0.0.0/0. Host bits must be zero. */
    public static Ipv4Prefix parse(String text) {
        if (text != null && text.trim().equals("default")) {
            return DEFAULT;
        }
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 prefix (expected CIDR notation, e.g. 172.18.0.0/16)");
        }
        Ipv4Address address = Ipv4Address.tryParse(text.substring(0, slash)).orElseThrow(() -> new IllegalArgumentException(
                "'" + text + "' is not an IPv4 prefix (expected CIDR notation, e.g. 172.18.0.0/16)"));
        int length = parseLength(text, text.substring(slash + 1));
        return new Ipv4Prefix(address, length);
    }

    public static Optional<Ipv4Prefix> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static int parseLength(String whole, String text) {
        if (text.isEmpty() || text.length() > 2 || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + whole + "': prefix length '" + text + "' is not a number 0-32");
        }
        int length = Integer.parseInt(text);
        if (length > 32) {
            throw new IllegalArgumentException("'" + whole + "': prefix length " + length + " is larger than 32");
        }
        return length;
    }

    public static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    public int mask() {
        return mask(length);
    }

    public boolean contains(Ipv4Address address) {
        return (address.bits() & mask()) == network.bits();
    }

    public boolean contains(Ipv4Prefix other) {
        return other.length >= length && contains(other.network);
    }

    public boolean overlaps(Ipv4Prefix other) {
        return contains(other.network) || other.contains(network);
    }

    public long size() {
        return 1L << (32 - length);
    }

    public Ipv4Address broadcast() {
        return Ipv4Address.of(network.bits() | ~mask());
    }

    /** The n-th address of this network (0 is the network address itself). */
    public Ipv4Address address(long n) {
        if (n < 0 || n >= size()) {
            throw new IllegalArgumentException("address index " + n + " is outside " + this);
        }
        return network.plus(n);
    }

    public boolean isDefault() {
        return length == 0;
    }

    @Override
    public int compareTo(Ipv4Prefix o) {
        int c = network.compareTo(o.network);
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    @Override
    public String toString() {
        return network + "/" + length;
    }
}
