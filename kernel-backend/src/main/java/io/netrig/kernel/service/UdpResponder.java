package io.netrig.kernel.service;

import io.netrig.kernel.netns.Inet;
import io.netrig.kernel.netns.NamespaceThreads;
import io.netrig.model.net.Ipv4Address;
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
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UDP service that answers each datagram it receives with what {@code answer} makes of it (or nothing). A reply must
 * come from the address the datagram was sent to, or the sender's connected socket drops it; Java cannot read a
 * datagram's destination address (IP_PKTINFO), so a service bound to 0.0.0.0 also binds one socket on each of the
 * given addresses of its namespace, which the kernel prefers over the wildcard one; the wildcard socket still answers
 * the rest, from the address the kernel picks. The UDP {@link UdpEchoServer echo listener} and the
 * {@link DnsService embedded DNS} are both this loop.
 */
final class UdpResponder implements RunningService {
    private static final Logger LOG = LoggerFactory.getLogger(UdpResponder.class);

    private final Service service;
    private final List<DatagramChannel> sockets;
    private final ServiceThreads threads;
    private final Function<byte[], Optional<byte[]>> answer;
    private final int maxDatagram;

    private UdpResponder(Service service, List<DatagramChannel> sockets, Function<byte[], Optional<byte[]>> answer, int maxDatagram) {
        this.service = service;
        this.sockets = List.copyOf(sockets);
        this.answer = answer;
        this.maxDatagram = maxDatagram;
        this.threads = new ServiceThreads(service.socketText() + " in " + service.namespace());
    }

    /**
     * @param wildcardAddresses the addresses a service bound to 0.0.0.0 also binds (its namespace's)
     * @param what              how its threads and log lines name it, e.g. {@code udp echo}
     */
    static UdpResponder start(Service service, String kernelNs, NamespaceThreads ns, List<Ipv4Address> wildcardAddresses,
                              int maxDatagram, String what, Function<byte[], Optional<byte[]>> answer) throws IOException {
        Set<Ipv4Address> binds = new LinkedHashSet<>();
        binds.add(service.address());
        if (service.address().equals(Ipv4Address.ANY)) {
            binds.addAll(wildcardAddresses);
        }
        List<DatagramChannel> sockets = new ArrayList<>();
        try {
            for (Ipv4Address a : binds) {
                sockets.add(ns.openUdp(kernelNs, Optional.of(Inet.socket(a, service.port()))));
            }
        } catch (IOException | RuntimeException e) {
            sockets.forEach(NamespaceThreads::closeQuietly);
            throw e;
        }
        UdpResponder r = new UdpResponder(service, sockets, answer, maxDatagram);
        for (DatagramChannel socket : sockets) {
            r.threads.start(what + " " + socket.socket().getLocalSocketAddress() + " in " + kernelNs, () -> r.serve(socket));
        }
        return r;
    }

    @Override
    public Service service() {
        return service;
    }

    private void serve(DatagramChannel socket) {
        ByteBuffer buf = ByteBuffer.allocate(maxDatagram);
        while (true) {
            try {
                buf.clear();
                SocketAddress from = socket.receive(buf);
                buf.flip();
                byte[] datagram = new byte[buf.remaining()];
                buf.get(datagram);
                Optional<byte[]> reply = answer.apply(datagram);
                if (reply.isPresent()) {
                    socket.send(ByteBuffer.wrap(reply.get()), from);
                }
            } catch (ClosedChannelException stopped) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!socket.isOpen()) {
                    return;
                }
                // one sender's trouble (an answer that cannot be routed or encoded) must not stop the service
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
