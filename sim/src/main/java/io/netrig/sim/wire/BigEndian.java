package io.netrig.sim.wire;

/** Network byte order: the 16- and 32-bit fields of the headers in this package. */
final class BigEndian {
    private BigEndian() {
    }

    static int u16(byte[] b, int offset) {
        return (b[offset] & 0xff) << 8 | (b[offset + 1] & 0xff);
    }

    static int u32(byte[] b, int offset) {
        return u16(b, offset) << 16 | u16(b, offset + 2);
    }

    static void put16(byte[] b, int offset, int v) {
        b[offset] = (byte) (v >>> 8);
        b[offset + 1] = (byte) v;
    }

    static void put32(byte[] b, int offset, int v) {
        put16(b, offset, v >>> 16);
        put16(b, offset + 2, v);
    }
}
