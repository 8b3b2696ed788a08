package io.netrig.kernel.exec;

import java.util.List;

/**
 * Deletes the resolved dynamic IPv4 neighbour entries of one lab namespace:
 * {@code ip -4 -n NS neigh flush nud reachable nud stale nud delay nud probe}. PERMANENT and NOARP entries (the
 * lab's own, from its topology) are never flushed; INCOMPLETE and FAILED ones stay too, since they record an ARP that
 * is pending or failed.
 */
public final class NeighbourFlush {
    private NeighbourFlush() {
    }

    public static Command resolved(String ns) {
        return Command.of(List.of("ip", "-4", "-n", ns, "neigh", "flush", "nud", "reachable", "nud", "stale", "nud", "delay",
                "nud", "probe")).inNamespace(ns);
    }
}
