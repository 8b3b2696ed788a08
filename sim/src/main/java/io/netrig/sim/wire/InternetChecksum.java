package io.netrig.sim.wire;

/** The RFC 1071 ones'-complement checksum used by IPv4 and ICMP headers. */
public final class InternetChecksum {
    private InternetChecksum() {
    }

    public static int of(byte[] bytes, int offset, int length) {
        long sum = 0;
        int i = offset;
        for (; i + 1 < offset + length; i += 2) {
            sum += (bytes[i] & 0xff) << 8 | (bytes[i + 1] & 0xff);
        }
        if (i < offset + length) {
            sum += (bytes[i] & 0xff) << 8;
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) ~sum & 0xffff;
    }
}
