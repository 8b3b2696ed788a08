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
        return IpPayload.hasPorts(protocol) && bytes.length >= 4;
    }

    public int sourcePort() {
        return u16(TransportHeader.SOURCE_PORT);
    }

    public int destinationPort() {
        return u16(TransportHeader.DESTINATION_PORT);
    }

    /** The sequence number of a quoted TCP header (the 8 bytes every ICMP error carries include it). */
    public int tcpSequence() {
        return bytes.length >= 8 ? BigEndian.u32(bytes, 4) : 0;
    }

    private int u16(int offset) {
        return bytes.length >= offset + 2 ? BigEndian.u16(bytes, offset) : 0;
    }
}
