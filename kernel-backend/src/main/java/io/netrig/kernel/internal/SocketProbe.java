package io.netrig.kernel.internal;

import io.netrig.kernel.netns.Errno;
import io.netrig.kernel.netns.Inet;
import io.netrig.kernel.netns.NamespaceThreads;
import io.netrig.model.NetrigException;
import io.netrig.model.net.Ipv4Address;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * TCP connect and UDP exchange from inside a lab namespace, with sockets made by {@link NamespaceThreads} and used
 * from the calling thread. Non-blocking, so that an error raised by the sender's own stack at {@code connect} (no
 * route) is told apart from one that came back from the network later (an ICMP net-unreachable gives the same errno).
 * Bounded: one SYN (and the kernel's retransmissions within the timeout) or one datagram, for at most the timeout.
 */
public final class SocketProbe {
    private static final int UDP_REPLY_MAX = 2048;

    private final NamespaceThreads threads;

    public SocketProbe(NamespaceThreads threads) {
        this.threads = threads;
    }

    public SocketAttempt tcp(String ns, Ipv4Address to, int port, Duration timeout) {
        InetSocketAddress target = Inet.socket(to, port);
        long start = System.nanoTime();
        SocketChannel ch = open(ns, to, port, "tcp", () -> threads.openTcp(ns));
        try (Selector selector = Selector.open()) {
            ch.configureBlocking(false);
            try {
                if (ch.connect(target)) {
                    return new SocketAttempt.Answered(since(start));
                }
            } catch (IOException e) {
                return new SocketAttempt.RefusedAtSend(errno(e, "tcp", ns, target), since(start));
            }
            ch.register(selector, SelectionKey.OP_CONNECT);
            while (waitReady(selector, start, timeout)) {
                try {
                    if (ch.finishConnect()) {
                        return new SocketAttempt.Answered(since(start));
                    }
                } catch (IOException e) {
                    return new SocketAttempt.ErrorReturned(errno(e, "tcp", ns, target), since(start));
                }
            }
            return new SocketAttempt.NoAnswer(since(start));
        } catch (IOException e) {
            throw new NetrigException("tcp probe from namespace " + ns + " to " + to + ":" + port + " failed: " + e, e);
        } finally {
            // a RST: the connection is gone before the probe's counters are read, and holds no namespace
            NamespaceThreads.reset(ch);
        }
    }

    public SocketAttempt udp(String ns, Ipv4Address to, int port, Duration timeout) {
        InetSocketAddress target = Inet.socket(to, port);
        long start = System.nanoTime();
        DatagramChannel ch = open(ns, to, port, "udp", () -> threads.openUdp(ns, Optional.empty()));
        try (ch; Selector selector = Selector.open()) {
            ch.configureBlocking(false);
            try {
                ch.connect(target);
                ch.write(ByteBuffer.wrap(("netrig udp probe " + start).getBytes(StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                return new SocketAttempt.RefusedAtSend(errno(e, "udp", ns, target), since(start));
            }
            ch.register(selector, SelectionKey.OP_READ);
            ByteBuffer reply = ByteBuffer.allocate(UDP_REPLY_MAX);
            while (waitReady(selector, start, timeout)) {
                try {
                    if (ch.read(reply) >= 0 && reply.position() > 0) {
                        return new SocketAttempt.Answered(since(start));
                    }
                } catch (IOException e) {
                    return new SocketAttempt.ErrorReturned(errno(e, "udp", ns, target), since(start));
                }
            }
            return new SocketAttempt.NoAnswer(since(start));
        } catch (IOException e) {
            throw new NetrigException("udp probe from namespace " + ns + " to " + to + ":" + port + " failed: " + e, e);
        }
    }

    /** Waits until the selector reports the socket ready; false once the timeout has passed. */
    private static boolean waitReady(Selector selector, long start, Duration timeout) throws IOException {
        while (true) {
            long left = timeout.toNanos() - (System.nanoTime() - start);
            if (left <= 0) {
                return false;
            }
            int ready = selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            if (ready > 0) {
                selector.selectedKeys().clear();
                return true;
            }
        }
    }

    private static <C> C open(String ns, Ipv4Address to, int port, String proto, NamespaceThreads.Task<C> opener) {
        try {
            return opener.run();
        } catch (IOException e) {
            throw new NetrigException(proto + " probe from namespace " + ns + " to " + to + ":" + port + ": cannot make a socket there: " + e, e);
        }
    }

    /** The errno behind a socket error; one netrig cannot name is a failure of the probe itself, not an outcome. */
    private static Errno errno(IOException e, String proto, String ns, InetSocketAddress target) {
        return Errno.of(e).orElseThrow(() -> new NetrigException(proto + " probe from namespace " + ns + " to "
                + target.getAddress().getHostAddress() + ":" + target.getPort() + " failed in a way netrig does not judge: " + e, e));
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
