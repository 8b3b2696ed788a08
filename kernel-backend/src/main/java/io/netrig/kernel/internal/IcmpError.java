package io.netrig.kernel.internal;

import io.netrig.model.net.Ipv4Address;
import java.util.Objects;

/** An ICMP error that came back for a probe's packet: its type, code and sender. */
public record IcmpError(int type, int code, Ipv4Address from) {
    public static final int DEST_UNREACH = 3;

    public IcmpError {
        Objects.requireNonNull(from, "from");
        if (type < 0 || type > 255 || code < 0 || code > 255) {
            throw new IllegalArgumentException("ICMP type and code are bytes, got " + type + "/" + code);
        }
    }

    /** The words iputils ping prints for it, e.g. "Destination Host Unreachable". */
    public String text() {
        if (type != DEST_UNREACH) {
            return "ICMP type " + type + " code " + code;
        }
        return switch (code) {
            case 0 -> "Destination Net Unreachable";
            case 1 -> "Destination Host Unreachable";
            case 2 -> "Destination Protocol Unreachable";
            case 3 -> "Destination Port Unreachable";
            case 4 -> "Frag needed";
            case 9 -> "Destination Net Prohibited";
            case 10 -> "Destination Host Prohibited";
            case 13 -> "Packet filtered";
            default -> "Destination Unreachable (code " + code + ")";
        };
    }

    @Override
    public String toString() {
        return "From " + from + " " + text();
    }
}
