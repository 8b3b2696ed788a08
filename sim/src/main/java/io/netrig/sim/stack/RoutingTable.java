package io.netrig.sim.stack;

import io.netrig.model.net.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The main table of a namespace: longest prefix wins, then the lowest metric, then the route added first. */
public final class RoutingTable {
    private final List<RouteEntry> entries = new ArrayList<>();

    public void add(RouteEntry entry) {
        entries.add(entry);
    }

    public void removeIf(java.util.function.Predicate<RouteEntry> filter) {
        entries.removeIf(filter);
    }

    public Optional<RouteEntry> lookup(Ipv4Address dst) {
        return lookup(dst, null);
    }

    /** The best route out of {@code device} only, as a lookup with an output interface (flowi4_oif) finds it. */
    public Optional<RouteEntry> lookup(Ipv4Address dst, io.netrig.sim.device.NetDevice device) {
        RouteEntry best = null;
        for (RouteEntry e : entries) {
            if (!e.destination().contains(dst) || device != null && e.device() != device) {
                continue;
            }
            if (best == null || e.destination().length() > best.destination().length()
                    || e.destination().length() == best.destination().length() && e.metric() < best.metric()) {
                best = e;
            }
        }
        return Optional.ofNullable(best);
    }

    public List<RouteEntry> entries() {
        return List.copyOf(entries);
    }
}
