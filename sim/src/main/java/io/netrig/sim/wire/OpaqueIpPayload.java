package io.netrig.sim.wire;

import io.netrig.model.net.Ipv4Address;

/**
 * The payload of an IP protocol the simulator does not interpret, or a TCP/UDP segment quoted (perhaps truncated)
 * inside an ICMP error, whose first four bytes are then its ports.
 */
public record OpaqueIpPayload(int protocol, byte[] bytes) implements IpPayload {
    @Override
    public byte[] encode(Ipv4Address src, Ipv4Address dst) {
        return bytes.clone();
    }

    /** Whether the bytes start with TCP or UDP ports. */
    public boolean hasPorts() {
        return (protocol == TcpSegment.PROTOCOL || protocol == UdpDatagram.PROTOCOL) && bytes.length >= 4;
    }

    public int sourcePort() {
        return u16(0);
    }

    public int destinationPort() {
        return u16(2);
    }

    /** The sequence number of a quoted TCP header (the 8 bytes every ICMP error carries include it). */
    public int tcpSequence() {
        return bytes.length >= 8 ? u16(4) << 16 | u16(6) : 0;
    }

    private int u16(int offset) {
        return bytes.length >= offset + 2 ? (bytes[offset] & 0xff) << 8 | (bytes[offset + 1] & 0xff) : 0;
    }
}
