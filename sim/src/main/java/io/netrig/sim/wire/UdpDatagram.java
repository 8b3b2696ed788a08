package io.netrig.sim.wire;

import io.netrig.model.net.Ipv4Address;
import java.util.Arrays;

/** A UDP datagram (RFC 768); its checksum covers the IPv4 pseudo-header and is never sent as 0 (that means none). */
public record UdpDatagram(int srcPort, int dstPort, byte[] data) implements IpPayload {
    public static final int PROTOCOL = 17;
    public static final int HEADER_LENGTH = 8;

    public UdpDatagram {
        TcpSegment.checkPort("source port", srcPort);
        TcpSegment.checkPort("destination port", dstPort);
        if (data.length > 0xffff - HEADER_LENGTH) {
            throw new IllegalArgumentException("a UDP datagram carries at most 65527 bytes, got " + data.length);
        }
        data = data.clone();
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
        int length = HEADER_LENGTH + data.length;
        byte[] b = new byte[length];
        b[0] = (byte) (srcPort >>> 8);
        b[1] = (byte) srcPort;
        b[2] = (byte) (dstPort >>> 8);
        b[3] = (byte) dstPort;
        b[4] = (byte) (length >>> 8);
        b[5] = (byte) length;
        System.arraycopy(data, 0, b, HEADER_LENGTH, data.length);
        int sum = InternetChecksum.transport(src, dst, PROTOCOL, b);
        if (sum == 0) {
            sum = 0xffff;
        }
        b[6] = (byte) (sum >>> 8);
        b[7] = (byte) sum;
        return b;
    }

    public static UdpDatagram decode(byte[] b) {
        if (b.length < HEADER_LENGTH) {
            throw new IllegalArgumentException("a UDP datagram has at least 8 bytes, got " + b.length);
        }
        int length = Math.clamp((b[4] & 0xff) << 8 | (b[5] & 0xff), HEADER_LENGTH, b.length);
        return new UdpDatagram((b[0] & 0xff) << 8 | (b[1] & 0xff), (b[2] & 0xff) << 8 | (b[3] & 0xff),
                Arrays.copyOfRange(b, HEADER_LENGTH, length));
    }

    public String summary() {
        return "UDP length " + data.length;
    }
}
