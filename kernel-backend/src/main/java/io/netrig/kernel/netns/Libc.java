package io.netrig.kernel.netns;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The few C library calls the backend makes itself, through the Foreign Function and Memory API (STYLE: native calls
 * we write ourselves use FFM; JNA only comes with pcap4j). Each call returns its result and the {@code errno} the
 * linker captured right after it, so no other call on the thread can overwrite it first.
 */
final class Libc {
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    /** setns(2)'s nstype for a network namespace. */
    static final int CLONE_NEWNET = 0x40000000;

    static final int AF_INET = 2;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int IPPROTO_ICMP = 1;
    static final int SOL_IP = 0;
    /** ip(7): queue every ICMP error for the socket, with its type, code and sender (not only the "fatal" ones). */
    static final int IP_RECVERR = 11;
    static final int SOL_RAW = 255;
    /** raw(7): a bit mask of ICMP types a raw ICMP socket does not want. */
    static final int ICMP_FILTER = 1;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_ERRQUEUE = 0x2000;
    static final short POLLIN = 0x1;
    static final short POLLERR = 0x8;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    /** sizeof(struct sockaddr_in) */
    private static final int SOCKADDR_IN = 16;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    /** open(2) is variadic (the mode follows the flags): the linker must pass it as C passes variadic arguments. */
    private static final MethodHandle OPEN = downcall("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle SETNS = downcall("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle SOCKET = downcall("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle SETSOCKOPT = downcall("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle CONNECT = downcall("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle SENDTO = downcall("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle RECV = downcall("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle RECVMSG = downcall("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle POLL = downcall("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), CAPTURE_ERRNO);
    /** struct pollfd { int fd; short events; short revents; } */
    private static final StructLayout POLLFD = MemoryLayout.structLayout(JAVA_INT.withName("fd"), JAVA_SHORT.withName("events"),
            JAVA_SHORT.withName("revents"));
    /** struct iovec { void *iov_base; size_t iov_len; } (LP64) */
    private static final StructLayout IOVEC = MemoryLayout.structLayout(ADDRESS.withName("base"), JAVA_LONG.withName("len"));
    /** struct msghdr (LP64): name, namelen, iov, iovlen, control, controllen, flags */
    private static final StructLayout MSGHDR = MemoryLayout.structLayout(ADDRESS.withName("name"), JAVA_INT.withName("namelen"),
            MemoryLayout.paddingLayout(4), ADDRESS.withName("iov"), JAVA_LONG.withName("iovlen"), ADDRESS.withName("control"),
            JAVA_LONG.withName("controllen"), JAVA_INT.withName("flags"), MemoryLayout.paddingLayout(4));
    private static final MethodHandle GETTID = downcall("gettid", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle STRERROR = downcall("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    private static final long STRERROR_MAX = 1024;

    /** What one call returned, and errno when it failed (-1). */
    record Result(int value, int errno) {
        boolean failed() {
            return value < 0;
        }
    }

    private Libc() {
    }

    static Result open(String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int r = (int) OPEN.invokeExact(state, arena.allocateFrom(path), flags, 0);
            return result(r, state);
        } catch (Throwable t) {
            throw unexpected("open", t);
        }
    }

    static Result setns(int fd, int nstype) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int r = (int) SETNS.invokeExact(state, fd, nstype);
            return result(r, state);
        } catch (Throwable t) {
            throw unexpected("setns", t);
        }
    }

    static Result close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int r = (int) CLOSE.invokeExact(state, fd);
            return result(r, state);
        } catch (Throwable t) {
            throw unexpected("close", t);
        }
    }

    static Result socket(int domain, int type, int protocol) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int r = (int) SOCKET.invokeExact(state, domain, type, protocol);
            return result(r, state);
        } catch (Throwable t) {
            throw unexpected("socket", t);
        }
    }

    static Result setsockopt(int fd, int level, int name, int value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment v = arena.allocateFrom(JAVA_INT, value);
            int r = (int) SETSOCKOPT.invokeExact(state, fd, level, name, v, (int) JAVA_INT.byteSize());
            return result(r, state);
        } catch (Throwable t) {
            throw unexpected("setsockopt", t);
        }
    }

    /** connect(2) to an IPv4 address (4 bytes, network order) and port. */
    static Result connect(int fd, byte[] address, int port) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int r = (int) CONNECT.invokeExact(state, fd, sockaddrIn(arena, address, port), SOCKADDR_IN);
            return result(r, state);
        } catch (Throwable t) {
            throw unexpected("connect", t);
        }
    }

    /** sendto(2); without an address (a connected socket) when {@code address} is null. */
    static Result sendto(int fd, byte[] data, int flags, byte[] address, int port) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment buf = arena.allocateFrom(JAVA_BYTE, data);
            MemorySegment to = address == null ? MemorySegment.NULL : sockaddrIn(arena, address, port);
            long r = (long) SENDTO.invokeExact(state, fd, buf, (long) data.length, flags, to, address == null ? 0 : SOCKADDR_IN);
            return result((int) r, state);
        } catch (Throwable t) {
            throw unexpected("sendto", t);
        }
    }

    /** recv(2) into {@code into}; the result is the number of bytes. */
    static Result recv(int fd, byte[] into, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment buf = arena.allocate(into.length);
            long r = (long) RECV.invokeExact(state, fd, buf, (long) into.length, flags);
            if (r > 0) {
                MemorySegment.copy(buf, JAVA_BYTE, 0, into, 0, (int) r);
            }
            return result((int) r, state);
        } catch (Throwable t) {
            throw unexpected("recv", t);
        }
    }

    /**
     * recvmsg(2) with MSG_ERRQUEUE and MSG_DONTWAIT: one queued error, whose ancillary data (the {@code cmsghdr}s) is
     * copied into {@code control}; the result's value is the control length used.
     */
    static Result recvErrorQueue(int fd, byte[] control) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment data = arena.allocate(512);
            MemorySegment iov = arena.allocate(IOVEC);
            iov.set(ADDRESS, 0, data);
            iov.set(JAVA_LONG, 8, data.byteSize());
            MemorySegment ctl = arena.allocate(control.length, 8);
            MemorySegment msg = arena.allocate(MSGHDR);
            msg.set(ADDRESS, MSGHDR.byteOffset(MemoryLayout.PathElement.groupElement("iov")), iov);
            msg.set(JAVA_LONG, MSGHDR.byteOffset(MemoryLayout.PathElement.groupElement("iovlen")), 1L);
            msg.set(ADDRESS, MSGHDR.byteOffset(MemoryLayout.PathElement.groupElement("control")), ctl);
            long controllen = MSGHDR.byteOffset(MemoryLayout.PathElement.groupElement("controllen"));
            msg.set(JAVA_LONG, controllen, (long) control.length);
            long r = (long) RECVMSG.invokeExact(state, fd, msg, MSG_ERRQUEUE | MSG_DONTWAIT);
            if (r < 0) {
                return result((int) r, state);
            }
            int used = (int) Math.min(control.length, msg.get(JAVA_LONG, controllen));
            MemorySegment.copy(ctl, JAVA_BYTE, 0, control, 0, used);
            return new Result(used, 0);
        } catch (Throwable t) {
            throw unexpected("recvmsg", t);
        }
    }

    /** poll(2) on one descriptor: the value is its {@code revents} (0 when the time ran out). */
    static Result poll(int fd, short events, int timeoutMillis) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment pfd = arena.allocate(POLLFD);
            pfd.set(JAVA_INT, 0, fd);
            pfd.set(JAVA_SHORT, 4, events);
            int r = (int) POLL.invokeExact(state, pfd, 1L, timeoutMillis);
            return r <= 0 ? result(r, state) : new Result(pfd.get(JAVA_SHORT, 6) & 0xffff, 0);
        } catch (Throwable t) {
            throw unexpected("poll", t);
        }
    }

    /** struct sockaddr_in: family in host order, port and address in network order, 8 bytes of zeros. */
    private static MemorySegment sockaddrIn(Arena arena, byte[] address, int port) {
        MemorySegment sa = arena.allocate(SOCKADDR_IN, 4);
        sa.set(JAVA_SHORT, 0, (short) AF_INET);
        sa.set(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) port);
        MemorySegment.copy(address, 0, sa, JAVA_BYTE, 4, 4);
        return sa;
    }

    /** The kernel's id of the calling thread (what {@code /proc/self/task/<tid>} is named after). */
    static int gettid() {
        try {
            return (int) GETTID.invokeExact();
        } catch (Throwable t) {
            throw unexpected("gettid", t);
        }
    }

    /** The C library's text for an errno, in the same locale the JDK uses for its socket exception messages. */
    @SuppressWarnings("restricted")   // strerror returns a NUL-terminated string of unknown length, well under 1 KiB
    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(STRERROR_MAX).getString(0);
        } catch (Throwable t) {
            throw unexpected("strerror", t);
        }
    }

    private static Result result(int value, MemorySegment state) {
        return new Result(value, value < 0 ? (int) ERRNO.get(state, 0L) : 0);
    }

    @SuppressWarnings("restricted")   // calling C is the point; the JVM runs with --enable-native-access (see README)
    private static MethodHandle downcall(String name, FunctionDescriptor fd, Linker.Option... options) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("the C library has no '" + name + "' (netrig's kernel backend needs glibc 2.30 or later)"));
        return LINKER.downcallHandle(symbol, fd, options);
    }

    private static RuntimeException unexpected(String call, Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        // a downcall declares Throwable but throws nothing checked; this only guards the method handle plumbing
        return new IllegalStateException("calling " + call + "(3) failed inside the JVM: " + t, t);
    }
}
