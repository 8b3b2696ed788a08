package io.netrig.kernel.service;

import io.netrig.kernel.netns.Inet;
import io.netrig.kernel.netns.NamespaceThreads;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.Listener;
import io.netrig.model.topology.Service;
import java.io.IOException;
import java.net.InetSocketAddress;
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
 * A UDP {@link Listener}: sends every datagram back to its sender. A reply must come from the address the datagram
 * was sent to, or the sender's connected socket drops it; Java cannot read a datagram's destination address
 * (IP_PKTINFO), so a listener on 0.0.0.0 binds one more socket on each of its namespace's addresses (and 127.0.0.1),
 * which the kernel prefers over the wildcard one; the wildcard socket still answers the rest (e.g. other loopback
 * addresses), from the address the kernel picks.
 */
final class UdpEchoServer implements RunningService {
    private static final Logger LOG = LoggerFactory.getLogger(UdpEchoServer.class);
    private static final int MAX_DATAGRAM = 65_507;
    private static final Ipv4Address LOOPBACK = Ipv4Address.parse("127.0.0.1");

    private final Listener listener;
    private final List<DatagramChannel> sockets;
    private final ServiceThreads threads;

    private UdpEchoServer(Listener listener, List<DatagramChannel> sockets) {
        this.listener = listener;
        this.sockets = List.copyOf(sockets);
        this.threads = new ServiceThreads(listener.socketText() + " in " + listener.namespace());
    }

    /** @param localAddresses the addresses of the listener's namespace */
    static UdpEchoServer start(Listener listener, String kernelNs, NamespaceThreads ns, List<Ipv4Address> localAddresses) throws IOException {
        Set<Ipv4Address> binds = new LinkedHashSet<>();
        binds.add(listener.address());
        if (listener.address().equals(Ipv4Address.ANY)) {
            binds.addAll(localAddresses);
            binds.add(LOOPBACK);
        }
        List<DatagramChannel> sockets = new ArrayList<>();
        try {
            for (Ipv4Address a : binds) {
                sockets.add(ns.openUdp(kernelNs, Optional.of(Inet.socket(a, listener.port()))));
            }
        } catch (IOException | RuntimeException e) {
            sockets.forEach(NamespaceThreads::closeQuietly);
            throw e;
        }
        UdpEchoServer s = new UdpEchoServer(listener, sockets);
        for (DatagramChannel socket : sockets) {
            s.threads.start("udp echo " + socket.socket().getLocalSocketAddress() + " in " + kernelNs, () -> s.echo(socket));
        }
        return s;
    }

    @Override
    public Service service() {
        return listener;
    }

    private void echo(DatagramChannel socket) {
        ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
        while (true) {
            try {
                buf.clear();
                SocketAddress from = socket.receive(buf);
                buf.flip();
                socket.send(buf, from);
            } catch (ClosedChannelException stopped) {
                return;
            } catch (IOException e) {
                if (!socket.isOpen()) {
                    return;
                }
                // e.g. a reply that cannot be routed: one sender's trouble must not stop the echo
                LOG.debug("{}: {}", localText(socket), e.toString());
            }
        }
    }

    private static String localText(DatagramChannel socket) {
        SocketAddress a = socket.socket().getLocalSocketAddress();
        return a instanceof InetSocketAddress i ? "udp " + i.getAddress().getHostAddress() + ":" + i.getPort() : String.valueOf(a);
    }

    @Override
    public void close() {
        sockets.forEach(NamespaceThreads::closeQuietly);
        threads.awaitEnd();
    }
}
