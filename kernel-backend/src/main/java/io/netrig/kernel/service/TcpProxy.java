package io.netrig.kernel.service;

import io.netrig.kernel.netns.Inet;
import io.netrig.kernel.netns.NamespaceThreads;
import io.netrig.model.topology.PortProxy;
import io.netrig.model.topology.Service;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * docker-proxy for a published TCP port, as its {@code tcp_proxy.go} does it: accept the client first, then connect to
 * the target from the proxy's namespace; if that fails, close the client; otherwise copy bytes both ways, and when one
 * direction reaches its end, shut down reading on its source and writing on its destination; close both when both
 * directions are done. At most {@value TcpAcceptor#MAX_CONNECTIONS} client connections at a time.
 */
final class TcpProxy implements RunningService {
    private static final Logger LOG = LoggerFactory.getLogger(TcpProxy.class);
    /** docker-proxy waits as long as the kernel does (about two minutes); a lab's proxy gives up sooner (LAB-SAFETY 6). */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final PortProxy proxy;
    private final String kernelNs;
    private final NamespaceThreads ns;
    private final TcpAcceptor acceptor;
    private final InetSocketAddress target;
    private final Connections connections;
    private final ServiceThreads threads;

    private TcpProxy(PortProxy proxy, String kernelNs, NamespaceThreads ns, TcpAcceptor acceptor) {
        this.proxy = proxy;
        this.kernelNs = kernelNs;
        this.ns = ns;
        this.acceptor = acceptor;
        this.target = Inet.socket(proxy.target(), proxy.targetPort());
        this.connections = acceptor.connections();
        this.threads = acceptor.threads();
    }

    static TcpProxy start(PortProxy proxy, String kernelNs, NamespaceThreads ns) throws IOException {
        TcpProxy p = new TcpProxy(proxy, kernelNs, ns, TcpAcceptor.open(proxy, kernelNs, ns));
        p.acceptor.start("proxy " + proxy.socketText() + " -> " + proxy.target() + ":" + proxy.targetPort(), p::relay);
        return p;
    }

    @Override
    public Service service() {
        return proxy;
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
                TcpAcceptor.copy(client, backend);
            } finally {
                upstreamDone.countDown();
            }
        });
        TcpAcceptor.copy(backend, client);
        try {
            upstreamDone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.finish(client);
        connections.finish(backend);
    }

    @Override
    public void close() {
        acceptor.close();
    }
}
