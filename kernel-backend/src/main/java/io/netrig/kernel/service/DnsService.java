package io.netrig.kernel.service;

import io.netrig.kernel.netns.Inet;
import io.netrig.kernel.netns.NamespaceThreads;
import io.netrig.model.dns.DnsMessage;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.DnsServer;
import io.netrig.model.topology.Service;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DnsServer} (Docker's embedded DNS) as a UDP socket in the container's namespace, normally on
 * {@code 127.0.0.11} at its port (a DNAT in the container takes port 53 there), speaking the shared {@link DnsMessage} codec: an A query for a name it has records for gets
 * them (NOERROR), a query of another type for such a name gets NOERROR with no answers (what glibc expects for AAAA
 * of an IPv4-only container), an unknown name SERVFAIL (netrig's labs have no upstream to forward to). A datagram that
 * is not a query with one question is ignored, as a server does with garbage.
 */
final class DnsService implements RunningService {
    private static final Logger LOG = LoggerFactory.getLogger(DnsService.class);
    private static final int MAX_QUERY = 512;

    private final DnsServer server;
    private final List<DatagramChannel> sockets;
    private final ServiceThreads threads;

    private DnsService(DnsServer server, List<DatagramChannel> sockets) {
        this.server = server;
        this.sockets = List.copyOf(sockets);
        this.threads = new ServiceThreads("dns " + server.socketText() + " in " + server.namespace());
    }

    /** @param localAddresses the addresses of the server's namespace (used only when it binds 0.0.0.0) */
    static DnsService start(DnsServer server, String kernelNs, NamespaceThreads ns, List<Ipv4Address> localAddresses) throws IOException {
        // as for a UDP listener: an answer must leave from the address it was asked at, so a wildcard server also binds
        // each address of its namespace (the kernel prefers the specific socket)
        Set<Ipv4Address> binds = new LinkedHashSet<>();
        binds.add(server.address());
        if (server.address().equals(Ipv4Address.ANY)) {
            binds.addAll(localAddresses);
        }
        List<DatagramChannel> sockets = new ArrayList<>();
        try {
            for (Ipv4Address a : binds) {
                sockets.add(ns.openUdp(kernelNs, Optional.of(Inet.socket(a, server.port()))));
            }
        } catch (IOException | RuntimeException e) {
            sockets.forEach(NamespaceThreads::closeQuietly);
            throw e;
        }
        DnsService s = new DnsService(server, sockets);
        for (DatagramChannel socket : sockets) {
            s.threads.start("dns " + socket.socket().getLocalSocketAddress() + " in " + kernelNs, () -> s.serve(socket));
        }
        return s;
    }

    /** The answer {@code server} gives to {@code query}; empty for a datagram that is not a query. Pure. */
    static Optional<DnsMessage> answer(DnsServer server, byte[] query) {
        Optional<DnsMessage> q = DnsMessage.decode(query).filter(m -> !m.response());
        if (q.isEmpty()) {
            return Optional.empty();
        }
        List<Ipv4Address> found = server.lookup(q.get().name());
        return Optional.of(found.isEmpty() ? q.get().answer(DnsMessage.SERVFAIL, List.of()) : q.get().answer(DnsMessage.NOERROR, found));
    }

    @Override
    public Service service() {
        return server;
    }

    private void serve(DatagramChannel socket) {
        ByteBuffer buf = ByteBuffer.allocate(MAX_QUERY);
        while (true) {
            try {
                buf.clear();
                SocketAddress from = socket.receive(buf);
                buf.flip();
                byte[] query = new byte[buf.remaining()];
                buf.get(query);
                Optional<DnsMessage> reply = answer(server, query);
                if (reply.isPresent()) {
                    LOG.debug("dns in {}: {} type {} from {} -> {} {}", server.namespace(), reply.get().name(), reply.get().qtype(), from,
                            DnsMessage.rcodeName(reply.get().rcode()), reply.get().answers());
                    socket.send(ByteBuffer.wrap(reply.get().encode()), from);
                }
            } catch (ClosedChannelException stopped) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!socket.isOpen()) {
                    return;
                }
                // one client's trouble (an unroutable answer, a name the codec cannot encode) must not stop the server
                LOG.debug("dns {} in {}: {}", server.socketText(), server.namespace(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        sockets.forEach(NamespaceThreads::closeQuietly);
        threads.awaitEnd();
    }
}
