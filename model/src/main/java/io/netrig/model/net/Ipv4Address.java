package io.netrig.model.net;

import java.util.Optional;

/** An IPv4 address held as its 32-bit value. */
public record Ipv4Address(int bits) implements Comparable<Ipv4Address> {
    public static final Ipv4Address ANY = new Ipv4Address(0);
    public static final Ipv4Address BROADCAST = new Ipv4Address(-1);

    public static Ipv4Address of(int bits) {
        return new Ipv4Address(bits);
    }

    public static Ipv4Address of(int a, int b, int c, int d) {
        for (int octet : new int[] {a, b, c, d}) {
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("IPv4 octet out of range 0-255: " + octet);
            }
        }
        return new Ipv4Address(a << 24 | b << 16 | c << 8 | d);
    }

    /** Parses dotted-quad notation; throws {@link IllegalArgumentException} saying what was expected. */
    public static Ipv4Address parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
                "'" + text + "' is not an IPv4 address (expected four numbers 0-255 separated by dots, e.g. 10.0.0.1)"));
    }

    public static Optional<Ipv4Address> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        int value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return Optional.empty();
            }
            value = value << 8 | octet;
        }
        return Optional.of(new Ipv4Address(value));
    }

    public static Ipv4Address fromBytes(byte[] bytes, int offset) {
        return new Ipv4Address((bytes[offset] & 0xff) << 24 | (bytes[offset + 1] & 0xff) << 16
                | (bytes[offset + 2] & 0xff) << 8 | (bytes[offset + 3] & 0xff));
    }

    public void writeTo(byte[] bytes, int offset) {
        bytes[offset] = (byte) (bits >>> 24);
        bytes[offset + 1] = (byte) (bits >>> 16);
        bytes[offset + 2] = (byte) (bits >>> 8);
        bytes[offset + 3] = (byte) bits;
    }

    public byte[] toBytes() {
        byte[] b = new byte[4];
        writeTo(b, 0);
        return b;
    }

    public int octet(int index) {
        return bits >>> (24 - 8 * index) & 0xff;
    }

    public Ipv4Address plus(long n) {
        return new Ipv4Address((int) (Integer.toUnsignedLong(bits) + n));
    }

    public long unsigned() {
        return Integer.toUnsignedLong(bits);
    }

    public boolean isLoopback() {
        return octet(0) == 127;
    }

    @Override
    public int compareTo(Ipv4Address other) {
        return Integer.compareUnsigned(bits, other.bits);
    }

    @Override
    public String toString() {
        return octet(0) + "." + octet(1) + "." + octet(2) + "." + octet(3);
    }
}
