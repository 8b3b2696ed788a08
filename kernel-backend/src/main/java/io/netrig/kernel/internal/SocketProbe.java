package io.netrig.kernel.internal;

import io.netrig.kernel.netns.Errno;
import io.netrig.kernel.netns.Inet;
import io.netrig.kernel.netns.NamespaceThreads;
import io.netrig.kernel.netns.NativeSocket;
import io.netrig.model.NetrigException;
import io.netrig.model.net.Ipv4Address;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * TCP connect and UDP exchange from inside a lab namespace, with sockets made by {@link NamespaceThreads} and used
 * from the calling thread (for UDP a native socket with IP_RECVERR, see {@link #udp}). Non-blocking, so that an error raised by the sender's own stack at {@code connect} (no
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

    /**
     * One datagram from a socket with IP_RECVERR ({@link NativeSocket}): without it Linux tells a UDP socket only of
     * port and protocol unreachable and "administratively prohibited" ({@code __udp4_lib_err}), and a host or net
     * unreachable from a router would look like silence. Its error queue also says which ICMP message came back, and
     * from whom. Waits in {@code poll}, which holds a virtual thread's carrier: callers use platform threads.
     */
    public SocketAttempt udp(String ns, Ipv4Address to, int port, Duration timeout) {
        long start = System.nanoTime();
        NativeSocket socket = open(ns, to, port, "udp", () -> threads.openNative(ns, NativeSocket.Kind.UDP_WITH_ERRORS));
        try (socket) {
            NativeSocket.Io connected = socket.connect(to, port);
            if (connected.failed()) {
                return new SocketAttempt.RefusedAtSend(errno(connected.errno(), "udp", ns, to, port), since(start));
            }
            NativeSocket.Io sent = socket.send(("netrig udp probe " + start).getBytes(StandardCharsets.US_ASCII));
            if (sent.failed()) {
                return new SocketAttempt.RefusedAtSend(errno(sent.errno(), "udp", ns, to, port), since(start));
            }
            byte[] reply = new byte[UDP_REPLY_MAX];
            while (true) {
                long left = timeout.toNanos() - (System.nanoTime() - start);
                if (left <= 0) {
                    return new SocketAttempt.NoAnswer(since(start));
                }
                NativeSocket.Io polled = socket.poll(pollMillis(left));
                if (polled.failed() && !polled.wouldBlock()) {
                    throw new NetrigException("udp probe from namespace " + ns + " to " + to + ":" + port + ": poll failed: "
                            + Errno.describe(polled.errno()));
                }
                if (NativeSocket.errorPending(polled)) {
                    Optional<NativeSocket.ExtendedError> error = socket.nextError();
                    if (error.isPresent()) {
                        NativeSocket.ExtendedError e = error.get();
                        Optional<IcmpError> icmp = e.fromIcmp() ? e.offender().map(from -> new IcmpError(e.type(), e.code(), from)) : Optional.empty();
                        return new SocketAttempt.ErrorReturned(errno(e.errno(), "udp", ns, to, port), icmp, since(start));
                    }
                }
                if (NativeSocket.readable(polled) || NativeSocket.errorPending(polled)) {
                    NativeSocket.Io got = socket.receive(reply);
                    if (got.value() > 0) {
                        return new SocketAttempt.Answered(since(start));
                    }
                    if (got.failed() && !got.wouldBlock()) {
                        return new SocketAttempt.ErrorReturned(errno(got.errno(), "udp", ns, to, port), since(start));
                    }
                }
            }
        } catch (IOException e) {
            throw new NetrigException("udp probe from namespace " + ns + " to " + to + ":" + port + " failed: " + e, e);
        }
    }

    /** poll(2)'s timeout for what is left of a probe's: whole milliseconds, rounded up, at least 1. */
    static int pollMillis(long leftNanos) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (leftNanos + 999_999) / 1_000_000));
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

    private static Errno errno(int number, String proto, String ns, Ipv4Address to, int port) {
        return Errno.ofNumber(number).orElseThrow(() -> new NetrigException(proto + " probe from namespace " + ns + " to " + to + ":"
                + port + " failed in a way netrig does not judge: " + Errno.describe(number)));
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
