package io.netrig.sim.wire;

import java.util.Arrays;
import java.util.Optional;

/**
 * An ICMP message: type, code, the four header bytes after the checksum ({@code rest}: echo id and sequence,
 * or unused for errors) and the data (echo payload, or the offending packet's header and first 8 bytes).
 */
public record IcmpMessage(int type, int code, int rest, byte[] data) implements IpPayload {
    public static final int ECHO_REPLY = 0;
    public static final int DEST_UNREACHABLE = 3;
    public static final int ECHO_REQUEST = 8;
    public static final int TIME_EXCEEDED = 11;
    public static final int CODE_NET_UNREACHABLE = 0;
    public static final int CODE_HOST_UNREACHABLE = 1;
    public static final int CODE_PORT_UNREACHABLE = 3;
    public static final int PROTOCOL = 1;

    public IcmpMessage {
        if (type < 0 || type > 255 || code < 0 || code > 255) {
            throw new IllegalArgumentException("ICMP type and code are bytes, got " + type + "/" + code);
        }
        data = data.clone();
    }

    public static IcmpMessage echoRequest(int id, int sequence, byte[] data) {
        return new IcmpMessage(ECHO_REQUEST, 0, (id & 0xffff) << 16 | (sequence & 0xffff), data);
    }

    /** The answer to this echo request, carrying the same id, sequence and data. */
    public IcmpMessage echoReply() {
        return new IcmpMessage(ECHO_REPLY, 0, rest, data);
    }

    /** An error about {@code offending}: quotes its IP header and the first 8 bytes of its payload (RFC 792). */
    public static IcmpMessage error(int type, int code, Ipv4Packet offending) {
        byte[] whole = offending.encode();
        return new IcmpMessage(type, code, 0, Arrays.copyOf(whole, Math.min(whole.length, Ipv4Packet.HEADER_LENGTH + 8)));
    }

    public boolean isEcho() {
        return type == ECHO_REQUEST || type == ECHO_REPLY;
    }

    public boolean isError() {
        return type == DEST_UNREACHABLE || type == TIME_EXCEEDED || type == 4 || type == 5 || type == 12;
    }

    public int echoId() {
        return rest >>> 16;
    }

    public int echoSequence() {
        return rest & 0xffff;
    }

    /** The packet an error message quotes (header and first 8 payload bytes). */
    public Optional<Ipv4Packet> quoted() {
        return isError() && data.length >= Ipv4Packet.HEADER_LENGTH ? Optional.of(Ipv4Packet.decodeQuoted(data)) : Optional.empty();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public int protocol() {
        return PROTOCOL;
    }

    @Override
    public byte[] encode() {
        byte[] b = new byte[8 + data.length];
        b[0] = (byte) type;
        b[1] = (byte) code;
        b[4] = (byte) (rest >>> 24);
        b[5] = (byte) (rest >>> 16);
        b[6] = (byte) (rest >>> 8);
        b[7] = (byte) rest;
        System.arraycopy(data, 0, b, 8, data.length);
        int sum = InternetChecksum.of(b, 0, b.length);
        b[2] = (byte) (sum >>> 8);
        b[3] = (byte) sum;
        return b;
    }

    public static IcmpMessage decode(byte[] b) {
        if (b.length < 8) {
            throw new IllegalArgumentException("an ICMP message has at least 8 bytes, got " + b.length);
        }
        int rest = (b[4] & 0xff) << 24 | (b[5] & 0xff) << 16 | (b[6] & 0xff) << 8 | (b[7] & 0xff);
        return new IcmpMessage(b[0] & 0xff, b[1] & 0xff, rest, Arrays.copyOfRange(b, 8, b.length));
    }

    public String summary() {
        return switch (type) {
            case ECHO_REQUEST -> "ICMP echo request id " + echoId() + " seq " + echoSequence();
            case ECHO_REPLY -> "ICMP echo reply id " + echoId() + " seq " + echoSequence();
            case DEST_UNREACHABLE -> "ICMP " + unreachableText(code);
            case TIME_EXCEEDED -> "ICMP time exceeded";
            default -> "ICMP type " + type + " code " + code;
        };
    }

    /** The words iputils ping prints for a destination-unreachable code. */
    public static String unreachableText(int code) {
        return switch (code) {
            case 0 -> "Destination Net Unreachable";
            case 1 -> "Destination Host Unreachable";
            case 2 -> "Destination Protocol Unreachable";
            case 3 -> "Destination Port Unreachable";
            case 9, 10, 13 -> "Packet filtered";
            default -> "Destination Unreachable (code " + code + ")";
        };
    }
}
