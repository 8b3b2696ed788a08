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

    public Optional<RouteEntry> lookup(Ipv4Address dst) {
        RouteEntry best = null;
        for (RouteEntry e : entries) {
            if (!e.destination().contains(dst)) {
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
