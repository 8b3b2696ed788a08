package io.netrig.model.net;

import java.util.HexFormat;
import java.util.Optional;

/** A 48-bit Ethernet address held in the low bits of a long. */
public record MacAddress(long bits) {
    public static final MacAddress BROADCAST = new MacAddress(0xffff_ffff_ffffL);
    public static final MacAddress ZERO = new MacAddress(0);

    public MacAddress {
        if ((bits & ~0xffff_ffff_ffffL) != 0) {
            throw new IllegalArgumentException("a MAC address has 48 bits, got " + Long.toHexString(bits));
        }
    }

    public static MacAddress parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
                "'" + text + "' is not a MAC address (expected six hex pairs separated by colons, e.g. 02:42:ac:11:00:02)"));
    }

    public static Optional<MacAddress> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.trim().split(":", -1);
        if (parts.length != 6) {
            return Optional.empty();
        }
        long value = 0;
        for (String part : parts) {
            if (part.length() != 2 || !HexFormat.isHexDigit(part.charAt(0)) || !HexFormat.isHexDigit(part.charAt(1))) {
                return Optional.empty();
            }
            value = value << 8 | HexFormat.fromHexDigits(part);
        }
        return Optional.of(new MacAddress(value));
    }

    /** Docker's container MAC: 02:42 followed by the four bytes of the IPv4 address. */
    public static MacAddress dockerFromIp(Ipv4Address ip) {
        return new MacAddress(0x0242_0000_0000L | ip.unsigned());
    }

    public static MacAddress fromBytes(byte[] bytes, int offset) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = v << 8 | (bytes[offset + i] & 0xff);
        }
        return new MacAddress(v);
    }

    public void writeTo(byte[] bytes, int offset) {
        for (int i = 0; i < 6; i++) {
            bytes[offset + i] = (byte) (bits >>> (40 - 8 * i));
        }
    }

    public boolean isMulticast() {
        return (bits >>> 40 & 1) == 1;
    }

    public boolean isBroadcast() {
        return bits == BROADCAST.bits;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(HexFormat.of().toHexDigits((byte) (bits >>> (40 - 8 * i))));
        }
        return sb.toString();
    }
}
