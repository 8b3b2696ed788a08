package io.netrig.sim.service;

import io.netrig.model.net.Ipv4Address;
import io.netrig.sim.core.Trace;
import io.netrig.sim.stack.UdpHandler;
import io.netrig.sim.stack.UdpSocket;

/**
 * A UDP echo server: every datagram goes back to its sender from the address it was sent to (what a server bound to
 * 0.0.0.0 does with IP_PKTINFO, and what the kernel backend's listener does by binding each address), so that the
 * sender's connected socket and conntrack take the answer; a datagram to a broadcast address is answered from the
 * address routing picks.
 */
final class EchoListener implements UdpHandler {
    static final EchoListener INSTANCE = new EchoListener();

    private EchoListener() {
    }

    @Override
    public void received(UdpSocket socket, Ipv4Address from, int fromPort, byte[] data, Trace trace) {
        socket.sendTo(from, fromPort, data, trace);
    }

    @Override
    public void received(UdpSocket socket, Ipv4Address from, int fromPort, Ipv4Address to, byte[] data, Trace trace) {
        if (to.equals(Ipv4Address.BROADCAST) || (to.bits() >>> 28) == 0xE || !socket.address().equals(Ipv4Address.ANY)) {
            socket.sendTo(from, fromPort, data, trace);
        } else {
            socket.sendFrom(to, from, fromPort, data, trace);
        }
    }
}
