package io.netrig.kernel.service;

import io.netrig.kernel.netns.Inet;
import io.netrig.kernel.netns.NamespaceThreads;
import io.netrig.model.topology.PortProxy;
import io.netrig.model.topology.Service;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * docker-proxy for a published UDP port, as its {@code udp_proxy.go} does it: one socket to the target per client
 * address (a "flow"), made in the proxy's namespace on the client's first datagram; a thread per flow sends the
 * target's answers back to the client from the listening socket, and ignores "port unreachable" (nothing listens on
 * the target yet). Like docker-proxy the listening socket is a plain wildcard one: an answer leaves from the address
 * the kernel picks. Flows are bounded: the least recently used is dropped when {@value #MAX_FLOWS} are open.
 */
final class UdpProxy implements RunningService {
    private static final Logger LOG = LoggerFactory.getLogger(UdpProxy.class);
    static final int MAX_FLOWS = 256;
    private static final int MAX_DATAGRAM = 65_507;

    private final PortProxy proxy;
    private final String kernelNs;
    private final NamespaceThreads ns;
    private final DatagramChannel listener;
    private final InetSocketAddress target;
    /** Access-ordered, so the first entry is the least recently used flow. */
    private final Map<SocketAddress, DatagramChannel> flows = new LinkedHashMap<>(16, 0.75f, true);
    private final ServiceThreads threads;
    private boolean closed;

    private UdpProxy(PortProxy proxy, String kernelNs, NamespaceThreads ns, DatagramChannel listener) {
        this.proxy = proxy;
        this.kernelNs = kernelNs;
        this.ns = ns;
        this.listener = listener;
        this.target = Inet.socket(proxy.target(), proxy.targetPort());
        this.threads = new ServiceThreads("proxy " + proxy.socketText() + " in " + proxy.namespace());
    }

    static UdpProxy start(PortProxy proxy, String kernelNs, NamespaceThreads ns) throws IOException {
        DatagramChannel listener = ns.openUdp(kernelNs, Optional.of(Inet.socket(proxy.address(), proxy.port())));
        UdpProxy p = new UdpProxy(proxy, kernelNs, ns, listener);
        p.threads.start("proxy receive " + proxy.socketText() + " in " + kernelNs, p::receiveLoop);
        return p;
    }

    @Override
    public Service service() {
        return proxy;
    }

    private void receiveLoop() {
        ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
        while (true) {
            SocketAddress client;
            try {
                buf.clear();
                client = listener.receive(buf);
                buf.flip();
            } catch (ClosedChannelException stopped) {
                return;
            } catch (IOException e) {
                LOG.debug("proxy {}: {}", proxy.socketText(), e.toString());
                continue;
            }
            Optional<DatagramChannel> flow = flowOf(client);
            if (flow.isEmpty()) {
                continue;
            }
            try {
                flow.get().write(buf);
            } catch (IOException e) {
                // docker-proxy: "Can't proxy a datagram to udp/IP:PORT: ..."; the datagram is lost
                LOG.debug("proxy {}: can't proxy a datagram to udp/{}:{}: {}", proxy.socketText(), proxy.target(), proxy.targetPort(), e.toString());
            }
        }
    }

    private Optional<DatagramChannel> flowOf(SocketAddress client) {
        synchronized (flows) {
            if (closed) {
                return Optional.empty();
            }
            DatagramChannel existing = flows.get(client);
            if (existing != null) {
                return Optional.of(existing);
            }
        }
        DatagramChannel upstream;
        try {
            upstream = ns.openUdp(kernelNs, Optional.empty());
            upstream.connect(target);
        } catch (IOException | RuntimeException e) {
            LOG.debug("proxy {}: can't proxy a datagram to udp/{}:{}: {}", proxy.socketText(), proxy.target(), proxy.targetPort(), e.toString());
            return Optional.empty();
        }
        DatagramChannel evicted = null;
        synchronized (flows) {
            if (closed) {
                NamespaceThreads.closeQuietly(upstream);
                return Optional.empty();
            }
            if (flows.size() >= MAX_FLOWS) {
                var eldest = flows.entrySet().iterator().next();
                evicted = eldest.getValue();
                flows.remove(eldest.getKey());
            }
            flows.put(client, upstream);
        }
        if (evicted != null) {
            NamespaceThreads.closeQuietly(evicted);
        }
        threads.start("proxy replies " + proxy.target() + ":" + proxy.targetPort() + " -> " + client, () -> replyLoop(client, upstream));
        return Optional.of(upstream);
    }

    private void replyLoop(SocketAddress client, DatagramChannel upstream) {
        ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
        try {
            while (true) {
                buf.clear();
                try {
                    upstream.read(buf);
                } catch (PortUnreachableException nothingListens) {
                    continue;   // as docker-proxy: the last datagram found no listener; keep the flow
                }
                buf.flip();
                listener.send(buf, client);
            }
        } catch (ClosedChannelException stopped) {
            // the flow was evicted or the proxy is closing
        } catch (IOException e) {
            LOG.debug("proxy {}: flow of {} ends: {}", proxy.socketText(), client, e.toString());
        } finally {
            synchronized (flows) {
                flows.remove(client, upstream);
            }
            NamespaceThreads.closeQuietly(upstream);
        }
    }

    @Override
    public void close() {
        List<DatagramChannel> all;
        synchronized (flows) {
            closed = true;
            all = new ArrayList<>(flows.values());
            flows.clear();
        }
        NamespaceThreads.closeQuietly(listener);
        all.forEach(NamespaceThreads::closeQuietly);
        threads.awaitEnd();
    }
}
