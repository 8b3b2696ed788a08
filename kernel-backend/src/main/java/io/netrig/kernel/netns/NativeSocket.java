package io.netrig.kernel.netns;

import io.netrig.model.net.Ipv4Address;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channel;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * A socket the JDK cannot make, made through the FFM API by a {@link NamespaceThreads} thread (so it lives in that
 * thread's namespace) and used from any thread: a UDP socket with {@code IP_RECVERR}, which hears every ICMP error
 * for its datagrams (without it Linux reports only port and protocol unreachable, and "administratively prohibited",
 * to a UDP socket), and a raw ICMP socket for echo requests. Every call returns what the C library returned and its
 * errno; interpreting them is the caller's business.
 *
 * <p>Calls are blocking only in {@link #poll}, which pins a virtual thread's carrier: callers wait on platform threads.
 * {@link #close()} waits for a call in progress, so the descriptor number is never reused under a running call.
 */
public final class NativeSocket implements Channel {
    /** The two kinds of socket netrig makes this way. */
    public enum Kind {
        /** SOCK_DGRAM UDP with IP_RECVERR set. */
        UDP_WITH_ERRORS,
        /** SOCK_RAW IPPROTO_ICMP (root): receives every ICMP packet of the namespace, filtered to echo reply and destination unreachable. */
        ICMP_RAW
    }

    /** What a call returned ({@code value}, or -1 and {@code errno}). */
    public record Io(int value, int errno) {
        public boolean failed() {
            return value < 0;
        }

        public boolean wouldBlock() {
            return failed() && (errno == Libc.EAGAIN || errno == Libc.EINTR);
        }
    }

    /**
     * One entry of the error queue: {@code struct sock_extended_err} and, for an ICMP error, its sender
     * ({@code SO_EE_OFFENDER}).
     */
    public record ExtendedError(int errno, int origin, int type, int code, Optional<Ipv4Address> offender) {
        /** SO_EE_ORIGIN_LOCAL: raised by the sender's own stack. */
        public static final int ORIGIN_LOCAL = 1;
        /** SO_EE_ORIGIN_ICMP: an ICMP message came back. */
        public static final int ORIGIN_ICMP = 2;
        /** {@code struct sock_extended_err}: errno(4) origin type code pad(1 each) info(4) data(4). */
        static final int SIZE = 16;

        public boolean fromIcmp() {
            return origin == ORIGIN_ICMP;
        }
    }

    static final int CMSG_HEADER = 16;
    private static final int ICMP_ECHOREPLY = 0;
    private static final int ICMP_DEST_UNREACH = 3;

    private final int fd;
    private final Kind kind;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private NativeSocket(int fd, Kind kind) {
        this.fd = fd;
        this.kind = kind;
    }

    /** Makes the socket in the calling thread's namespace; {@link NamespaceThreads#openNative} calls it there. */
    static NativeSocket open(Kind kind) throws IOException {
        Libc.Result r = switch (kind) {
            case UDP_WITH_ERRORS -> Libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, 0);
            case ICMP_RAW -> Libc.socket(Libc.AF_INET, Libc.SOCK_RAW | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, Libc.IPPROTO_ICMP);
        };
        if (r.failed()) {
            throw new IOException("socket(" + kind + "): " + Errno.describe(r.errno()));
        }
        NativeSocket s = new NativeSocket(r.value(), kind);
        Libc.Result opt = switch (kind) {
            case UDP_WITH_ERRORS -> Libc.setsockopt(s.fd, Libc.SOL_IP, Libc.IP_RECVERR, 1);
            case ICMP_RAW -> Libc.setsockopt(s.fd, Libc.SOL_RAW, Libc.ICMP_FILTER, ~((1 << ICMP_ECHOREPLY) | (1 << ICMP_DEST_UNREACH)));
        };
        if (opt.failed()) {
            s.close();
            throw new IOException("setsockopt on a new " + kind + " socket: " + Errno.describe(opt.errno()));
        }
        return s;
    }

    public Kind kind() {
        return kind;
    }

    public Io connect(Ipv4Address to, int port) {
        return call(() -> Libc.connect(fd, to.toBytes(), port));
    }

    /** Sends on a connected socket. */
    public Io send(byte[] data) {
        return call(() -> Libc.sendto(fd, data, 0, null, 0));
    }

    public Io sendTo(byte[] data, Ipv4Address to) {
        return call(() -> Libc.sendto(fd, data, 0, to.toBytes(), 0));
    }

    /** Waits up to {@code millis} for data (POLLIN) or an error (POLLERR); the value is the events that happened. */
    public Io poll(int millis) {
        return call(() -> Libc.poll(fd, (short) (Libc.POLLIN | Libc.POLLERR), millis));
    }

    public static boolean readable(Io polled) {
        return !polled.failed() && (polled.value() & Libc.POLLIN) != 0;
    }

    public static boolean errorPending(Io polled) {
        return !polled.failed() && (polled.value() & Libc.POLLERR) != 0;
    }

    /** One datagram (or for a raw socket, one IP packet), without waiting. */
    public Io receive(byte[] into) {
        return call(() -> Libc.recv(fd, into, Libc.MSG_DONTWAIT));
    }

    /** The next entry of the socket's error queue, without waiting; empty when the queue is empty. */
    public Optional<ExtendedError> nextError() throws IOException {
        byte[] control = new byte[256];
        Io r = call(() -> Libc.recvErrorQueue(fd, control));
        if (r.failed()) {
            if (r.wouldBlock()) {
                return Optional.empty();
            }
            throw new IOException("recvmsg(MSG_ERRQUEUE): " + Errno.describe(r.errno()));
        }
        return extendedError(control, r.value());
    }

    /** The IP_RECVERR control message among {@code cmsghdr}s (LP64: len 8, level 4, type 4, data 8-aligned). */
    static Optional<ExtendedError> extendedError(byte[] control, int length) {
        ByteBuffer b = ByteBuffer.wrap(control, 0, length).order(ByteOrder.nativeOrder());
        int at = 0;
        while (at + CMSG_HEADER <= length) {
            long len = b.getLong(at);
            int level = b.getInt(at + 8);
            int type = b.getInt(at + 12);
            if (len < CMSG_HEADER || at + len > length) {
                return Optional.empty();
            }
            if (level == Libc.SOL_IP && type == Libc.IP_RECVERR && len >= CMSG_HEADER + ExtendedError.SIZE) {
                int d = at + CMSG_HEADER;
                int errno = b.getInt(d);
                int origin = control[d + 4] & 0xff;
                int icmpType = control[d + 5] & 0xff;
                int icmpCode = control[d + 6] & 0xff;
                Optional<Ipv4Address> offender = Optional.empty();
                int sa = d + ExtendedError.SIZE;
                // SO_EE_OFFENDER: a sockaddr_in right after the struct; family AF_UNSPEC when the kernel has none
                if (len >= CMSG_HEADER + ExtendedError.SIZE + 8 && b.getShort(sa) == Libc.AF_INET) {
                    offender = Optional.of(Ipv4Address.fromBytes(control, sa + 4));
                }
                return Optional.of(new ExtendedError(errno, origin, icmpType, icmpCode, offender));
            }
            at += (int) ((len + 7) & ~7L);
        }
        return Optional.empty();
    }

    private Io call(Supplier<Libc.Result> syscall) {
        lock.readLock().lock();
        try {
            if (closed) {
                return new Io(-1, Errno.EBADF.number());
            }
            Libc.Result r = syscall.get();
            return new Io(r.value(), r.errno());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public boolean isOpen() {
        lock.readLock().lock();
        try {
            return !closed;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                Libc.close(fd);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "native " + kind + " socket fd " + fd + (closed ? " (closed)" : "");
    }
}
