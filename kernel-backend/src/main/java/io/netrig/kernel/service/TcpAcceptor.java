package io.netrig.kernel.service;

import io.netrig.kernel.netns.Inet;
import io.netrig.kernel.netns.NamespaceThreads;
import io.netrig.model.topology.Service;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening side every TCP service has (a listener and docker-proxy alike): a socket listening in the service's
 * lab namespace, an accept loop that admits at most {@value #MAX_CONNECTIONS} connections and serves each on a thread
 * of its own, and a close that stops accepting, resets every connection and waits for the threads.
 */
final class TcpAcceptor {
    private static final Logger LOG = LoggerFactory.getLogger(TcpAcceptor.class);
    static final int BACKLOG = 128;
    static final int MAX_CONNECTIONS = 64;
    private static final int BUFFER = 32 * 1024;

    private final Service service;
    private final ServerSocketChannel server;
    private final Connections connections = new Connections(MAX_CONNECTIONS);
    private final ServiceThreads threads;

    private TcpAcceptor(Service service, ServerSocketChannel server) {
        this.service = service;
        this.server = server;
        this.threads = new ServiceThreads(service.socketText() + " in " + service.namespace());
    }

    /** Binds the service's socket in {@code kernelNs}; nothing is accepted until {@link #start}. */
    static TcpAcceptor open(Service service, String kernelNs, NamespaceThreads ns) throws IOException {
        return new TcpAcceptor(service, ns.openTcpServer(kernelNs, Inet.socket(service.address(), service.port()), BACKLOG));
    }

    /**
     * Accepts until closed; {@code serve} runs on a thread of its own (named {@code connectionName}) for each admitted
     * connection and must {@link Connections#finish finish} it.
     */
    void start(String connectionName, Consumer<SocketChannel> serve) {
        threads.start("accept " + service.socketText() + " in " + service.namespace(), () -> {
            while (true) {
                SocketChannel c;
                try {
                    c = server.accept();
                } catch (ClosedChannelException stopped) {
                    return;
                } catch (IOException e) {
                    LOG.warn("{} in {} stops accepting: {}", service.socketText(), service.namespace(), e.toString());
                    return;
                }
                if (connections.admit(c)) {
                    threads.start(connectionName, () -> serve.accept(c));
                }
            }
        });
    }

    Connections connections() {
        return connections;
    }

    ServiceThreads threads() {
        return threads;
    }

    /**
     * Copies bytes from {@code from} to {@code to} until {@code from} ends (or fails), then passes the end on: shuts
     * down reading on {@code from} and writing on {@code to}. An echo is a copy from a connection to itself.
     */
    static void copy(SocketChannel from, SocketChannel to) {
        ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        try {
            while (from.read(buf) >= 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    to.write(buf);
                }
                buf.clear();
            }
        } catch (IOException e) {
            // reset by the peer (probes close with a RST), or closed because the lab is closing
            LOG.trace("copy ended: {}", e.toString());
        }
        try {
            from.shutdownInput();
            to.shutdownOutput();
        } catch (IOException e) {
            // already reset or closed: whoever finishes the connection closes it
            LOG.trace("half-close: {}", e.toString());
        }
    }

    /** Stops accepting, resets every connection, and waits for the service's threads. */
    void close() {
        NamespaceThreads.closeQuietly(server);
        connections.abortAll();
        threads.awaitEnd();
    }
}
