package io.netrig.model.backend;

import io.netrig.model.topology.Topology;

/** One way of running a lowered topology. Implementations are found with {@link java.util.ServiceLoader}. */
public interface LabBackend {
    /** Short name used on the command line: "sim", "kernel". */
    String name();

    Capabilities capabilities();

    /**
     * Builds the topology and returns the running lab. If building fails, everything made so far is removed
     * before the exception leaves this method.
     *
     * @throws io.netrig.model.UnsupportedFeatureException when the topology needs a feature this backend lacks here
     */
    Lab start(Topology topology, LabOptions options);
}
