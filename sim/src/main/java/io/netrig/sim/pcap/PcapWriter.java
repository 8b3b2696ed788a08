package io.netrig.sim.pcap;

import java.io.ByteArrayOutputStream;
import java.time.Instant;

/**
 * Classic libpcap format (magic a1b2c3d4 written little-endian, version 2.4, snaplen 262144, LINKTYPE_ETHERNET).
 * Timestamps are simulated time counted from a fixed epoch, never the wall clock, so a seed fixes the bytes.
 */
public final class PcapWriter {
    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    public static final int SNAPLEN = 262_144;
    public static final int LINKTYPE_ETHERNET = 1;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public PcapWriter() {
        int32(0xa1b2c3d4);
        int16(2);
        int16(4);
        int32(0);          // thiszone
        int32(0);          // sigfigs
        int32(SNAPLEN);
        int32(LINKTYPE_ETHERNET);
    }

    /** Appends one frame seen {@code timeNanos} after the epoch. */
    public void add(long timeNanos, byte[] frame) {
        long micros = timeNanos / 1_000;
        int captured = Math.min(frame.length, SNAPLEN);
        int32((int) (EPOCH.getEpochSecond() + micros / 1_000_000));
        int32((int) (micros % 1_000_000));
        int32(captured);
        int32(frame.length);
        out.write(frame, 0, captured);
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    private void int32(int v) {
        int16(v);
        int16(v >>> 16);
    }

    private void int16(int v) {
        out.write(v);
        out.write(v >>> 8);
    }
}
