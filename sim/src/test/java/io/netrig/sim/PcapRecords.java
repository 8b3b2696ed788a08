package io.netrig.sim;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads back a classic little-endian pcap file, checking the global header. */
final class PcapRecords {
    record Rec(long seconds, long micros, byte[] frame) {
    }

    private PcapRecords() {
    }

    static List<Rec> parse(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt() != 0xa1b2c3d4 || b.getShort() != 2 || b.getShort() != 4) {
            throw new AssertionError("not a pcap 2.4 file with magic a1b2c3d4");
        }
        b.getInt();
        b.getInt();
        if (b.getInt() != 262_144 || b.getInt() != 1) {
            throw new AssertionError("expected snaplen 262144 and link type Ethernet");
        }
        List<Rec> out = new ArrayList<>();
        while (b.hasRemaining()) {
            long sec = Integer.toUnsignedLong(b.getInt());
            long usec = Integer.toUnsignedLong(b.getInt());
            int incl = b.getInt();
            int orig = b.getInt();
            if (incl != orig) {
                throw new AssertionError("frame truncated in capture");
            }
            byte[] frame = Arrays.copyOfRange(file, b.position(), b.position() + incl);
            b.position(b.position() + incl);
            out.add(new Rec(sec, usec, frame));
        }
        return out;
    }
}
