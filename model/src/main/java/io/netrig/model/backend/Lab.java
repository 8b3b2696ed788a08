package io.netrig.model.backend;

import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Topology;
import java.util.List;

/** A running lab. Closing it removes everything the backend made; close is idempotent. */
public interface Lab extends AutoCloseable {
    Observation probe(Probe probe);

    /** Runs probes and returns their observations in the same order. Backends may run them in parallel. */
    default List<Observation> probeAll(List<Probe> probes) {
        return probes.stream().map(this::probe).toList();
    }

    /** Starts capturing on one interface of the lab. */
    Capture capture(LinkRef where, CaptureFilter filter);

    /** The topology the lab runs now: the one it started with, or the last one {@link #update} applied. */
    Topology topology();

    /**
     * Changes the running lab into {@code next}, as dockerd changes a running host on {@code docker network connect}
     * and {@code disconnect}: links, addresses, routes, sysctls, rulesets, services and resolver files that are new in
     * {@code next} are created, those gone are removed, those changed are replaced; namespaces present in both keep
     * their state (neighbour caches, conntrack, open sockets, running captures). {@code next} must keep the lab's name.
     * On failure the lab is left as it was where the backend can restore it, and the exception says what was applied.
     */
    void update(Topology next);

    @Override
    void close();
}
