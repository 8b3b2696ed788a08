package io.netrig.kernel.service;

import io.netrig.kernel.netns.NamespaceThreads;
import io.netrig.model.topology.Listener;
import io.netrig.model.topology.Service;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * A TCP {@link Listener}: accepts every connection (a connect probe only needs the handshake) and echoes what it
 * receives until the peer closes, so that relays in front of it can be checked end to end.
 */
final class TcpServer implements RunningService {
    private final Listener listener;
    private final TcpAcceptor acceptor;

    private TcpServer(Listener listener, TcpAcceptor acceptor) {
        this.listener = listener;
        this.acceptor = acceptor;
    }

    static TcpServer start(Listener listener, String kernelNs, NamespaceThreads ns) throws IOException {
        TcpServer s = new TcpServer(listener, TcpAcceptor.open(listener, kernelNs, ns));
        s.acceptor.start("echo " + listener.socketText(), s::echo);
        return s;
    }

    @Override
    public Service service() {
        return listener;
    }

    private void echo(SocketChannel c) {
        try {
            TcpAcceptor.copy(c, c);
        } finally {
            acceptor.connections().finish(c);
        }
    }

    @Override
    public void close() {
        acceptor.close();
    }
}
