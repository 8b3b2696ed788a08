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

    /**
     * Removes what labs of this backend left behind when their process was killed (labs of live processes are
     * kept). Returns one line per removed object, for people. Backends that hold nothing outside the JVM remove
     * nothing.
     *
     * @param prefix the lab prefix the leftovers were made with ({@link LabOptions#prefix()})
     */
    default java.util.List<String> removeLeftovers(String prefix) {
        return java.util.List.of();
    }
}
