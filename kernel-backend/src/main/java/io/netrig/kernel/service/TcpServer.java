package io.netrig.kernel.service;

import io.netrig.kernel.netns.Inet;
import io.netrig.kernel.netns.NamespaceThreads;
import io.netrig.model.topology.Listener;
import io.netrig.model.topology.Service;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP {@link Listener}: accepts every connection (a connect probe only needs the handshake) and echoes what it
 * receives until the peer closes, so that relays in front of it can be checked end to end.
 */
final class TcpServer implements RunningService {
    private static final Logger LOG = LoggerFactory.getLogger(TcpServer.class);
    static final int BACKLOG = 128;
    static final int MAX_CONNECTIONS = 64;
    private static final int BUFFER = 16 * 1024;

    private final Listener listener;
    private final ServerSocketChannel server;
    private final Connections connections = new Connections(MAX_CONNECTIONS);
    private final ServiceThreads threads;

    private TcpServer(Listener listener, ServerSocketChannel server) {
        this.listener = listener;
        this.server = server;
        this.threads = new ServiceThreads(listener.socketText() + " in " + listener.namespace());
    }

    static TcpServer start(Listener listener, String kernelNs, NamespaceThreads ns) throws IOException {
        ServerSocketChannel server = ns.openTcpServer(kernelNs, Inet.socket(listener.address(), listener.port()), BACKLOG);
        TcpServer s = new TcpServer(listener, server);
        s.threads.start("accept " + listener.socketText() + " in " + kernelNs, s::acceptLoop);
        return s;
    }

    @Override
    public Service service() {
        return listener;
    }

    private void acceptLoop() {
        while (true) {
            SocketChannel c;
            try {
                c = server.accept();
            } catch (ClosedChannelException stopped) {
                return;
            } catch (IOException e) {
                LOG.warn("{} in {} stops accepting: {}", listener.socketText(), listener.namespace(), e.toString());
                return;
            }
            if (connections.admit(c)) {
                threads.start("echo " + listener.socketText(), () -> echo(c));
            }
        }
    }

    private void echo(SocketChannel c) {
        ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        try {
            while (c.read(buf) >= 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    c.write(buf);
                }
                buf.clear();
            }
        } catch (IOException e) {
            // reset by the peer (probes close with a RST), or closed because the lab is closing
            LOG.trace("{}: connection ended: {}", listener.socketText(), e.toString());
        } finally {
            connections.finish(c);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing {}: {}", listener.socketText(), e.getMessage());
        }
        connections.abortAll();
        threads.await(Duration.ofSeconds(5));
    }
}
