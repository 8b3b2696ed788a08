package io.netrig.sim.stack;

import io.netrig.model.net.Ipv4Address;
import io.netrig.sim.core.Trace;
import io.netrig.sim.wire.IcmpMessage;

/** What an application does with the datagrams its UDP socket receives. */
public interface UdpHandler {
    void received(UdpSocket socket, Ipv4Address from, int fromPort, byte[] data, Trace trace);

    /**
     * A datagram that was sent to {@code to} (one of the namespace's addresses, as IP_PKTINFO tells an application);
     * by default the same as {@link #received(UdpSocket, Ipv4Address, int, byte[], Trace)}.
     */
    default void received(UdpSocket socket, Ipv4Address from, int fromPort, Ipv4Address to, byte[] data, Trace trace) {
        received(socket, from, fromPort, data, trace);
    }

    /** An ICMP error about a datagram this socket sent; only connected sockets hear of them (no IP_RECVERR). */
    default void error(UdpSocket socket, Ipv4Address from, IcmpMessage message, Trace trace) {
    }
}
