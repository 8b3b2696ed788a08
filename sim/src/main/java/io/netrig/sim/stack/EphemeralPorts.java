package io.netrig.sim.stack;

import java.util.function.IntPredicate;

/**
 * The local ports of net.ipv4.ip_local_port_range (32768-60999), handed out in order from the first one and
 * wrapping around. Linux starts from a hashed offset; counting up keeps runs deterministic and easy to read.
 */
final class EphemeralPorts {
    static final int FIRST = 32768;
    static final int LAST = 60999;

    private int next = FIRST;

    /**
     * The next port {@code inUse} does not claim; throws when all are taken, as connect(2) fails with EADDRNOTAVAIL
     * (some 28000 connections to one destination within TIME-WAIT's 60 s).
     */
    int allocate(IntPredicate inUse) {
        for (int i = 0; i <= LAST - FIRST; i++) {
            int port = next;
            next = port == LAST ? FIRST : port + 1;
            if (!inUse.test(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free local port in " + FIRST + "-" + LAST + " (Linux: Cannot assign requested address)");
    }
}
