package io.netrig.sim.wire;

import io.netrig.model.net.Ipv4Address;
import java.util.Arrays;

/** A UDP datagram (RFC 768); its checksum covers the IPv4 pseudo-header and is never sent as 0 (that means none). */
public record UdpDatagram(int srcPort, int dstPort, byte[] data) implements IpPayload {
    public static final int PROTOCOL = 17;
    public static final int HEADER_LENGTH = 8;

    public UdpDatagram {
        TransportHeader.checkPorts(srcPort, dstPort);
        if (data.length > 0xffff - HEADER_LENGTH) {
            throw new IllegalArgumentException("a UDP datagram carries at most 65527 bytes, got " + data.length);
        }
        data = data.clone();
    }

    /** This datagram between other ports (NAT); itself when they are the same. */
    public UdpDatagram withPorts(int newSrcPort, int newDstPort) {
        return newSrcPort == srcPort && newDstPort == dstPort ? this : new UdpDatagram(newSrcPort, newDstPort, data);
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
        byte[] b = TransportHeader.withPorts(length, srcPort, dstPort);
        BigEndian.put16(b, 4, length);
        System.arraycopy(data, 0, b, HEADER_LENGTH, data.length);
        TransportHeader.writeChecksum(b, src, dst, PROTOCOL);
        return b;
    }

    public static UdpDatagram decode(byte[] b) {
        if (b.length < HEADER_LENGTH) {
            throw new IllegalArgumentException("a UDP datagram has at least 8 bytes, got " + b.length);
        }
        int length = Math.clamp(BigEndian.u16(b, 4), HEADER_LENGTH, b.length);
        return new UdpDatagram(BigEndian.u16(b, TransportHeader.SOURCE_PORT), BigEndian.u16(b, TransportHeader.DESTINATION_PORT),
                Arrays.copyOfRange(b, HEADER_LENGTH, length));
    }

    public String summary() {
        return "UDP length " + data.length;
    }
}
