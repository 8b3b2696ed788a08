package io.netrig.sim.wire;

import io.netrig.model.net.Ipv4Address;
import java.util.Arrays;
import java.util.Optional;

/**
 * An ICMP message: type, code, the four header bytes after the checksum ({@code rest}: echo id and sequence,
 * or unused for errors) and the data (echo payload, or as much of the offending packet as fits in 576 bytes).
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
    /** icmp_send() keeps the whole error within 576 bytes (RFC 1812 4.3.2.3): room for 548 quoted bytes. */
    static final int MAX_QUOTED = 576 - Ipv4Packet.HEADER_LENGTH - 8;

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

    /**
     * An error about {@code offending}. RFC 792 asks for its IP header and first 8 payload bytes at least; Linux's
     * icmp_send() quotes as much of it as keeps the error within 576 bytes, and so do we.
     */
    public static IcmpMessage error(int type, int code, Ipv4Packet offending) {
        byte[] whole = offending.encode();
        return new IcmpMessage(type, code, 0, whole.length <= MAX_QUOTED ? whole : Arrays.copyOf(whole, MAX_QUOTED));
    }

    /**
     * This error with the quoted packet's addresses and ports replaced, its IP header checksum recomputed and its
     * TCP/UDP checksum updated when quoted (RFC 1624), as nf_nat_icmp_reply_translation rewrites the inner packet.
     */
    public IcmpMessage withQuotedEndpoints(Ipv4Address src, int srcPort, Ipv4Address dst, int dstPort) {
        if (!isError() || data.length < Ipv4Packet.HEADER_LENGTH) {
            return this;
        }
        byte[] q = data.clone();
        int ihl = (q[0] & 0x0f) * 4;
        int protocol = q[9] & 0xff;
        int oldSrc = BigEndian.u32(q, 12);
        int oldDst = BigEndian.u32(q, 16);
        src.writeTo(q, 12);
        dst.writeTo(q, 16);
        if (q.length >= ihl) {
            BigEndian.put16(q, 10, 0);
            BigEndian.put16(q, 10, InternetChecksum.of(q, 0, ihl));
        }
        if (IpPayload.hasPorts(protocol) && q.length >= ihl + 4) {
            int oldSrcPort = BigEndian.u16(q, ihl + TransportHeader.SOURCE_PORT);
            int oldDstPort = BigEndian.u16(q, ihl + TransportHeader.DESTINATION_PORT);
            BigEndian.put16(q, ihl + TransportHeader.SOURCE_PORT, srcPort);
            BigEndian.put16(q, ihl + TransportHeader.DESTINATION_PORT, dstPort);
            int at = ihl + TransportHeader.checksumOffset(protocol);
            // a checksum cut off by the quote, or UDP's 0 (none), stays as it is
            if (q.length >= at + 2 && !(protocol == UdpDatagram.PROTOCOL && BigEndian.u16(q, at) == 0)) {
                int sum = BigEndian.u16(q, at);
                sum = InternetChecksum.adjust32(sum, oldSrc, src.bits());
                sum = InternetChecksum.adjust32(sum, oldDst, dst.bits());
                sum = InternetChecksum.adjust(sum, oldSrcPort, srcPort);
                sum = InternetChecksum.adjust(sum, oldDstPort, dstPort);
                BigEndian.put16(q, at, TransportHeader.onWire(protocol, sum));
            }
        }
        return new IcmpMessage(type, code, rest, q);
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

    /** The packet an error message quotes (perhaps truncated: see {@link Ipv4Packet#decodeQuoted}). */
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
    public byte[] encode(Ipv4Address src, Ipv4Address dst) {
        byte[] b = new byte[8 + data.length];
        b[0] = (byte) type;
        b[1] = (byte) code;
        BigEndian.put32(b, 4, rest);
        System.arraycopy(data, 0, b, 8, data.length);
        BigEndian.put16(b, 2, InternetChecksum.of(b, 0, b.length));
        return b;
    }

    public static IcmpMessage decode(byte[] b) {
        if (b.length < 8) {
            throw new IllegalArgumentException("an ICMP message has at least 8 bytes, got " + b.length);
        }
        return new IcmpMessage(b[0] & 0xff, b[1] & 0xff, BigEndian.u32(b, 4), Arrays.copyOfRange(b, 8, b.length));
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

    /** The words iputils ping prints for this error: time exceeded, else by the destination-unreachable code. */
    public String errorText() {
        return type == TIME_EXCEEDED ? "Time to live exceeded" : unreachableText(code);
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
