package io.netrig.model.pcap;

import io.netrig.model.NetrigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A classic libpcap file (not pcapng): the global header in either byte order, with microsecond ({@code a1b2c3d4}) or
 * nanosecond ({@code a1b23c4d}) timestamps, then its records. What tcpdump {@code -w}, pcap4j and the simulator write.
 */
public record PcapFile(int linkType, boolean nanosecondTimestamps, int snaplen, List<PcapRecord> records) {
    public static final int LINKTYPE_ETHERNET = 1;
    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;
    private static final int GLOBAL_HEADER = 24;
    private static final int RECORD_HEADER = 16;

    public PcapFile {
        records = List.copyOf(records);
    }

    public static PcapFile read(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new NetrigException("cannot read pcap file " + file + ": " + e.getMessage(), e);
        }
    }

    /** @param source names the bytes in error messages (a file name) */
    public static PcapFile parse(byte[] bytes, String source) {
        if (bytes.length < GLOBAL_HEADER) {
            throw new NetrigException(source + ": not a pcap file (" + bytes.length + " bytes, a pcap header has 24)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt(0);
        if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
            in.order(ByteOrder.BIG_ENDIAN);
            magic = in.getInt(0);
        }
        if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
            throw new NetrigException(source + ": not a classic pcap file (magic " + String.format("%08x", in.getInt(0))
                    + "; pcapng files are not read here, convert them with editcap -F pcap)");
        }
        boolean nanos = magic == MAGIC_NANOS;
        int major = Short.toUnsignedInt(in.getShort(4));
        if (major != 2) {
            throw new NetrigException(source + ": pcap version " + major + "." + in.getShort(6) + " (expected 2.4)");
        }
        int snaplen = in.getInt(16);
        int linkType = in.getInt(20) & 0x0fff_ffff;   // the upper bits carry the FCS length, not the link type
        List<PcapRecord> records = new ArrayList<>();
        int at = GLOBAL_HEADER;
        while (at < bytes.length) {
            if (bytes.length - at < RECORD_HEADER) {
                throw new NetrigException(source + ": record " + (records.size() + 1) + " at byte " + at + " is cut short ("
                        + (bytes.length - at) + " bytes of its 16-byte header)");
            }
            long seconds = Integer.toUnsignedLong(in.getInt(at));
            long fraction = Integer.toUnsignedLong(in.getInt(at + 4));
            int captured = in.getInt(at + 8);
            int original = in.getInt(at + 12);
            at += RECORD_HEADER;
            if (captured < 0 || captured > bytes.length - at) {
                throw new NetrigException(source + ": record " + (records.size() + 1) + " claims " + Integer.toUnsignedString(captured)
                        + " bytes, the file has " + (bytes.length - at) + " left");
            }
            byte[] data = new byte[captured];
            System.arraycopy(bytes, at, data, 0, captured);
            at += captured;
            Instant time = Instant.ofEpochSecond(seconds, nanos ? fraction : fraction * 1_000);
            records.add(new PcapRecord(time, Math.max(original, captured), data));
        }
        return new PcapFile(linkType, nanos, snaplen, records);
    }

    /** Every record decoded as an Ethernet frame; fails for other link types. */
    public List<Frame> frames() {
        if (linkType != LINKTYPE_ETHERNET) {
            throw new NetrigException("pcap link type " + linkType + " is not Ethernet (1): its frames cannot be decoded here");
        }
        return records.stream().map(PcapRecord::frame).toList();
    }
}
