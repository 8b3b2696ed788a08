package io.netrig.sim.wire;

import io.netrig.model.net.Ipv4Address;

/** The RFC 1071 ones'-complement checksum of IPv4, ICMP, TCP and UDP, and its RFC 1624 incremental update. */
public final class InternetChecksum {
    private InternetChecksum() {
    }

    public static int of(byte[] bytes, int offset, int length) {
        return fold(add(0, bytes, offset, length));
    }

    /** The checksum of a TCP or UDP segment, covering the pseudo-header (source, destination, protocol, length). */
    public static int transport(Ipv4Address src, Ipv4Address dst, int protocol, byte[] segment) {
        long sum = (src.bits() >>> 16) + (src.bits() & 0xffff) + (dst.bits() >>> 16) + (dst.bits() & 0xffff)
                + protocol + segment.length;
        return fold(add(sum, segment, 0, segment.length));
    }

    /** A checksum after one 16-bit word it covers changed from {@code oldWord} to {@code newWord} (RFC 1624, eqn. 3). */
    public static int adjust(int checksum, int oldWord, int newWord) {
        long sum = (~checksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        return fold(sum);
    }

    /** A checksum after a 32-bit value it covers (an address) changed, as two 16-bit words. */
    public static int adjust32(int checksum, int oldValue, int newValue) {
        return adjust(adjust(checksum, oldValue >>> 16, newValue >>> 16), oldValue & 0xffff, newValue & 0xffff);
    }

    private static long add(long initial, byte[] bytes, int offset, int length) {
        long sum = initial;
        int i = offset;
        for (; i + 1 < offset + length; i += 2) {
            sum += (bytes[i] & 0xff) << 8 | (bytes[i + 1] & 0xff);
        }
        if (i < offset + length) {
            sum += (bytes[i] & 0xff) << 8;
        }
        return sum;
    }

    private static int fold(long value) {
        long sum = value;
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) ~sum & 0xffff;
    }
}
