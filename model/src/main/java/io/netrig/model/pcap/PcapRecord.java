package io.netrig.model.pcap;

import java.time.Instant;
import java.util.Objects;

/** One packet record of a pcap file: when it was captured, its length on the wire, and the bytes kept of it. */
public record PcapRecord(Instant time, int originalLength, byte[] data) {
    public PcapRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
        if (originalLength < data.length) {
            throw new IllegalArgumentException("a record keeps at most its original length (" + originalLength
                    + " bytes), got " + data.length);
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The captured bytes decoded as an Ethernet frame. */
    public Frame frame() {
        return Frame.decode(data);
    }
}
