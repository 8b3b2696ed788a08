package io.netrig.kernel.netns;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.util.Optional;

/**
 * The error numbers netrig tells apart (Linux, generic architectures such as x86-64 and arm64). Socket errors reach
 * Java as exceptions whose message is the C library's {@code strerror} text of the errno; {@link #of(IOException)}
 * inverts that with the same C library, so it holds in any locale and never guesses from English wording.
 */
public enum Errno {
    EPERM(1), ENOENT(2), EBADF(9), EACCES(13), EINVAL(22), ENONET(64), EMSGSIZE(90), ENOPROTOOPT(92), EADDRINUSE(98),
    EADDRNOTAVAIL(99), ENETUNREACH(101), ECONNRESET(104), ETIMEDOUT(110), ECONNREFUSED(111), EHOSTDOWN(112),
    EHOSTUNREACH(113);

    private final int number;
    private volatile String description;

    Errno(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The C library's text, e.g. "Connection refused". */
    public String description() {
        String d = description;
        if (d == null) {
            d = Libc.strerror(number);
            description = d;
        }
        return d;
    }

    public static Optional<Errno> ofNumber(int number) {
        for (Errno e : values()) {
            if (e.number == number) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * The errno behind a socket exception of the JDK. The JDK builds these from errno: the class from a few numbers
     * ({@code PortUnreachableException} is ECONNREFUSED on a connected datagram socket, which carries no message),
     * the message from {@code strerror}, optionally followed by ": host/port" when the JDK is asked to include hosts.
     */
    public static Optional<Errno> of(IOException e) {
        if (e instanceof PortUnreachableException) {
            return Optional.of(ECONNREFUSED);
        }
        String message = e.getMessage();
        if (message == null) {
            return Optional.empty();
        }
        for (Errno errno : values()) {
            String d = errno.description();
            if (message.equals(d) || message.startsWith(d + ":")) {
                return Optional.of(errno);
            }
        }
        return Optional.empty();
    }

    /** {@code "113 EHOSTUNREACH (No route to host)"}; for numbers netrig does not name, the C library's text alone. */
    public static String describe(int number) {
        return ofNumber(number).map(e -> number + " " + e.name() + " (" + e.description() + ")")
                .orElseGet(() -> number + " (" + Libc.strerror(number) + ")");
    }
}
