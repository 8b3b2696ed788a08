package io.netrig.kernel.netns;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

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

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    /** open(2) is variadic (the mode follows the flags): the linker must pass it as C passes variadic arguments. */
    private static final MethodHandle OPEN = downcall("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle SETNS = downcall("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
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
