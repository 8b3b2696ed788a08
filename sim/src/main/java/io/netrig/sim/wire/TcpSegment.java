package io.netrig.sim.wire;

import io.netrig.model.net.Ipv4Address;
import java.util.Arrays;

/**
 * A TCP segment (RFC 793): ports, sequence and acknowledgement numbers, flags, window, options (already padded to
 * a multiple of four bytes) and data. The checksum is computed when encoding, over the IPv4 pseudo-header.
 */
public record TcpSegment(int srcPort, int dstPort, int seq, int ack, int flags, int window, byte[] options, byte[] data)
        implements IpPayload {
    public static final int PROTOCOL = 6;
    public static final int HEADER_LENGTH = 20;
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    private static final int MAX_OPTIONS = 40;
    private static final byte[] NONE = new byte[0];

    public TcpSegment {
        TransportHeader.checkPorts(srcPort, dstPort);
        if (flags < 0 || flags > 0xff || window < 0 || window > 0xffff) {
            throw new IllegalArgumentException("TCP flags are a byte and the window 16 bits, got " + flags + "/" + window);
        }
        if (options.length % 4 != 0 || options.length > MAX_OPTIONS) {
            throw new IllegalArgumentException("TCP options are padded to 4 bytes and at most 40, got " + options.length);
        }
        options = options.clone();
        data = data.clone();
    }

    /** A segment without options or data. */
    public static TcpSegment of(int srcPort, int dstPort, int seq, int ack, int flags, int window) {
        return new TcpSegment(srcPort, dstPort, seq, ack, flags, window, NONE, NONE);
    }

    /**
     * The options Linux puts on a SYN or SYN-ACK with net.ipv4.tcp_timestamps=0 (which we model):
     * {@code mss MSS, nop, nop, sackOK, nop, wscale 7}.
     */
    public static byte[] synOptions(int mss) {
        return new byte[] {2, 4, (byte) (mss >>> 8), (byte) mss, 1, 1, 4, 2, 1, 3, 3, 7};
    }

    /**
     * The RST that answers {@code t} when no connection wants it (RFC 793 "Reset Generation", as Linux's
     * tcp_v4_send_reset and the REJECT target's tcp-reset build it): a segment with ACK set is answered from its
     * acknowledgement number; otherwise RST+ACK acknowledges everything it carried.
     */
    public static TcpSegment resetFor(TcpSegment t) {
        return t.has(ACK) ? of(t.dstPort, t.srcPort, t.ack, 0, RST, 0)
                : of(t.dstPort, t.srcPort, 0, t.seq + t.sequenceLength(), RST | ACK, 0);
    }

    /** This segment between other ports (NAT); itself when they are the same. */
    public TcpSegment withPorts(int newSrcPort, int newDstPort) {
        return newSrcPort == srcPort && newDstPort == dstPort ? this
                : new TcpSegment(newSrcPort, newDstPort, seq, ack, flags, window, options, data);
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** A SYN without ACK or RST: the first segment of a new connection. */
    public boolean isInitialSyn() {
        return (flags & (SYN | ACK | RST)) == SYN;
    }

    /** How much sequence space the segment uses: its data, plus one each for SYN and FIN. */
    public int sequenceLength() {
        return data.length + (has(SYN) ? 1 : 0) + (has(FIN) ? 1 : 0);
    }

    @Override
    public byte[] options() {
        return options.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public int dataLength() {
        return data.length;
    }

    @Override
    public int protocol() {
        return PROTOCOL;
    }

    @Override
    public byte[] encode(Ipv4Address src, Ipv4Address dst) {
        int headerLength = HEADER_LENGTH + options.length;
        byte[] b = TransportHeader.withPorts(headerLength + data.length, srcPort, dstPort);
        BigEndian.put32(b, 4, seq);
        BigEndian.put32(b, 8, ack);
        b[12] = (byte) (headerLength / 4 << 4);
        b[13] = (byte) flags;
        BigEndian.put16(b, 14, window);
        System.arraycopy(options, 0, b, HEADER_LENGTH, options.length);
        System.arraycopy(data, 0, b, headerLength, data.length);
        TransportHeader.writeChecksum(b, src, dst, PROTOCOL);
        return b;
    }

    public static TcpSegment decode(byte[] b) {
        int headerLength = b.length >= HEADER_LENGTH ? (b[12] & 0xf0) >>> 2 : 0;
        if (headerLength < HEADER_LENGTH || headerLength > b.length) {
            throw new IllegalArgumentException("not a TCP segment (" + b.length + " bytes, header length " + headerLength + ")");
        }
        return new TcpSegment(BigEndian.u16(b, TransportHeader.SOURCE_PORT), BigEndian.u16(b, TransportHeader.DESTINATION_PORT),
                BigEndian.u32(b, 4), BigEndian.u32(b, 8), b[13] & 0xff, BigEndian.u16(b, 14),
                Arrays.copyOfRange(b, HEADER_LENGTH, headerLength), Arrays.copyOfRange(b, headerLength, b.length));
    }

    /** tcpdump's flag letters: {@code [S]}, {@code [S.]}, {@code [F.]}, {@code [R.]}, {@code [.]}. */
    public String flagText() {
        StringBuilder s = new StringBuilder("[");
        if (has(FIN)) {
            s.append('F');
        }
        if (has(SYN)) {
            s.append('S');
        }
        if (has(RST)) {
            s.append('R');
        }
        if (has(PSH)) {
            s.append('P');
        }
        if (has(ACK)) {
            s.append('.');
        }
        return s.append(']').toString();
    }

    public String summary() {
        return "TCP " + flagText() + " seq " + Integer.toUnsignedString(seq)
                + (has(ACK) ? " ack " + Integer.toUnsignedString(ack) : "") + " win " + window
                + (data.length > 0 ? " length " + data.length : "");
    }
}
