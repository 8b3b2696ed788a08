package io.netrig.sim.wire;

import io.netrig.model.net.Ipv4Address;

/** What an IPv4 packet carries. */
public sealed interface IpPayload permits IcmpMessage, TcpSegment, UdpDatagram, OpaqueIpPayload {
    int protocol();

    /** The payload's bytes; TCP and UDP checksums cover a pseudo-header with the packet's addresses. */
    byte[] encode(Ipv4Address src, Ipv4Address dst);

    /** Whether the protocol's header starts with a source and a destination port (TCP and UDP), which NAT may change. */
    static boolean hasPorts(int protocol) {
        return protocol == TcpSegment.PROTOCOL || protocol == UdpDatagram.PROTOCOL;
    }
}
