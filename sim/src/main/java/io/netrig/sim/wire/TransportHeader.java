package io.netrig.sim.wire;

import io.netrig.model.net.Ipv4Address;

/**
 * What the TCP and UDP headers share: the source and destination ports in their first four bytes (so a quoted,
 * truncated segment still has them), and a checksum over the IPv4 pseudo-header at an offset of the protocol's own.
 */
final class TransportHeader {
    static final int SOURCE_PORT = 0;
    static final int DESTINATION_PORT = 2;

    private TransportHeader() {
    }

    static void checkPorts(int srcPort, int dstPort) {
        checkPort("source port", srcPort);
        checkPort("destination port", dstPort);
    }

    private static void checkPort(String what, int port) {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException(what + " must be 0-65535, got " + port);
        }
    }

    /** A zeroed segment of {@code length} bytes that starts with its ports. */
    static byte[] withPorts(int length, int srcPort, int dstPort) {
        byte[] b = new byte[length];
        BigEndian.put16(b, SOURCE_PORT, srcPort);
        BigEndian.put16(b, DESTINATION_PORT, dstPort);
        return b;
    }

    /** Where the checksum of a TCP or UDP header sits. */
    static int checksumOffset(int protocol) {
        return protocol == TcpSegment.PROTOCOL ? 16 : 6;
    }

    /** Computes the checksum of the otherwise finished {@code segment} and writes it into place. */
    static void writeChecksum(byte[] segment, Ipv4Address src, Ipv4Address dst, int protocol) {
        BigEndian.put16(segment, checksumOffset(protocol), onWire(protocol, InternetChecksum.transport(src, dst, protocol, segment)));
    }

    /** The checksum as sent: UDP sends a computed 0 as 0xffff, since 0 there means "no checksum" (RFC 768). */
    static int onWire(int protocol, int checksum) {
        return protocol == UdpDatagram.PROTOCOL && checksum == 0 ? 0xffff : checksum;
    }
}
