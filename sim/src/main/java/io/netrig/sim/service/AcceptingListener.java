package io.netrig.sim.service;

import io.netrig.sim.core.Trace;
import io.netrig.sim.stack.TcpConnection;
import io.netrig.sim.stack.TcpHandler;

/** A TCP server that accepts every connection, reads until the client closes, then closes too. */
final class AcceptingListener implements TcpHandler {
    static final AcceptingListener INSTANCE = new AcceptingListener();

    private AcceptingListener() {
    }

    @Override
    public void peerClosed(TcpConnection c, Trace trace) {
        c.close(trace);
    }
}
