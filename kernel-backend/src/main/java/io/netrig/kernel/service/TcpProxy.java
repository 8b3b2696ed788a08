package io.netrig.kernel.service;

import io.netrig.kernel.netns.Inet;
import io.netrig.kernel.netns.NamespaceThreads;
import io.netrig.model.topology.PortProxy;
import io.netrig.model.topology.Service;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * docker-proxy for a published TCP port, as its {@code tcp_proxy.go} does it: accept the client first, then connect to
 * the target from the proxy's namespace; if that fails, close the client; otherwise copy bytes both ways, and when one
 * direction reaches its end, shut down reading on its source and writing on its destination; close both when both
 * directions are done. At most {@value #MAX_CONNECTIONS} client connections at a time.
 */
final class TcpProxy implements RunningService {
    private static final Logger LOG = LoggerFactory.getLogger(TcpProxy.class);
    static final int MAX_CONNECTIONS = 64;
    /** docker-proxy waits as long as the kernel does (about two minutes); a lab's proxy gives up sooner (LAB-SAFETY 6). */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final int BUFFER = 32 * 1024;

    private final PortProxy proxy;
    private final String kernelNs;
    private final NamespaceThreads ns;
    private final ServerSocketChannel server;
    private final InetSocketAddress target;
    private final Connections connections = new Connections(MAX_CONNECTIONS);
    private final ServiceThreads threads;

    private TcpProxy(PortProxy proxy, String kernelNs, NamespaceThreads ns, ServerSocketChannel server) {
        this.proxy = proxy;
        this.kernelNs = kernelNs;
        this.ns = ns;
        this.server = server;
        this.target = Inet.socket(proxy.target(), proxy.targetPort());
        this.threads = new ServiceThreads("proxy " + proxy.socketText() + " in " + proxy.namespace());
    }

    static TcpProxy start(PortProxy proxy, String kernelNs, NamespaceThreads ns) throws IOException {
        ServerSocketChannel server = ns.openTcpServer(kernelNs, Inet.socket(proxy.address(), proxy.port()), TcpServer.BACKLOG);
        TcpProxy p = new TcpProxy(proxy, kernelNs, ns, server);
        p.threads.start("proxy accept " + proxy.socketText() + " in " + kernelNs, p::acceptLoop);
        return p;
    }

    @Override
    public Service service() {
        return proxy;
    }

    private void acceptLoop() {
        while (true) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException stopped) {
                return;
            } catch (IOException e) {
                LOG.warn("proxy {} in {} stops accepting: {}", proxy.socketText(), proxy.namespace(), e.toString());
                return;
            }
            if (connections.admit(client)) {
                threads.start("proxy " + proxy.socketText() + " -> " + proxy.target() + ":" + proxy.targetPort(), () -> relay(client));
            }
        }
    }

    private void relay(SocketChannel client) {
        SocketChannel backend;
        try {
            backend = ns.openTcp(kernelNs);
        } catch (IOException | RuntimeException e) {
            LOG.warn("proxy {}: cannot make a socket to forward a connection: {}", proxy.socketText(), e.toString());
            connections.finish(client);
            return;
        }
        if (!connections.attach(backend)) {
            Connections.abort(backend);
            connections.finish(client);
            return;
        }
        try {
            backend.socket().connect(target, (int) CONNECT_TIMEOUT.toMillis());
        } catch (IOException e) {
            // docker-proxy: "Can't forward traffic to backend tcp/IP:PORT: ...", then it closes the client
            LOG.debug("proxy {}: can't forward traffic to backend tcp/{}:{}: {}", proxy.socketText(), proxy.target(), proxy.targetPort(), e.toString());
            connections.finish(backend);
            connections.finish(client);
            return;
        }
        CountDownLatch upstreamDone = new CountDownLatch(1);
        threads.start("proxy copy to " + proxy.target() + ":" + proxy.targetPort(), () -> {
            try {
                copy(client, backend);
            } finally {
                upstreamDone.countDown();
            }
        });
        copy(backend, client);
        try {
            upstreamDone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.finish(client);
        connections.finish(backend);
    }

    private static void copy(SocketChannel from, SocketChannel to) {
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
            LOG.trace("proxy copy ended: {}", e.toString());
        }
        try {
            from.shutdownInput();
            to.shutdownOutput();
        } catch (IOException e) {
            // already reset or closed: the other direction's end closes both
            LOG.trace("proxy half-close: {}", e.toString());
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing proxy {}: {}", proxy.socketText(), e.getMessage());
        }
        connections.abortAll();
        threads.await(Duration.ofSeconds(5));
    }
}
