package io.netrig.sim.service;

import io.netrig.model.net.Ipv4Address;
import io.netrig.sim.core.Trace;
import io.netrig.sim.stack.UdpHandler;
import io.netrig.sim.stack.UdpSocket;

/**
 * A UDP echo server: every datagram goes back to its sender with sendto(), so from the bound address, or from the
 * one routing picks when the socket is bound to 0.0.0.0.
 */
final class EchoListener implements UdpHandler {
    static final EchoListener INSTANCE = new EchoListener();

    private EchoListener() {
    }

    @Override
    public void received(UdpSocket socket, Ipv4Address from, int fromPort, byte[] data, Trace trace) {
        socket.sendTo(from, fromPort, data, trace);
    }
}
