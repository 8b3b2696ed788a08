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

    Topology topology();

    @Override
    void close();
}
