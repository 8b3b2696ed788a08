package io.netrig.model.pcap;

/** A bounds-checked view of part of a captured packet; reads past the end are the caller's to avoid with {@link #has}. */
record Bytes(byte[] array, int offset, int length) {
    Bytes {
        if (offset < 0 || length < 0 || offset + length > array.length) {
            throw new IllegalArgumentException("view " + offset + "+" + length + " outside " + array.length + " bytes");
        }
    }

    boolean has(int at, int count) {
        return at >= 0 && count >= 0 && at + count <= length;
    }

    int u8(int at) {
        return array[offset + at] & 0xff;
    }

    int u16(int at) {
        return u8(at) << 8 | u8(at + 1);
    }

    int u24(int at) {
        return u8(at) << 16 | u16(at + 1);
    }

    int absolute(int at) {
        return offset + at;
    }

    /** From {@code at} to the end (empty when {@code at} is past it). */
    Bytes from(int at) {
        int start = Math.min(at, length);
        return new Bytes(array, offset + start, length - start);
    }

    /** The first {@code count} bytes (fewer if there are fewer). */
    Bytes first(int count) {
        return new Bytes(array, offset, Math.min(count, length));
    }

    byte[] copy() {
        byte[] out = new byte[length];
        System.arraycopy(array, offset, out, 0, length);
        return out;
    }
}
