package io.netrig.model.backend;

import io.netrig.model.spec.ValidatedLab;
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
     * Builds the lab from its spec and the spec's lowering ({@code topology} is {@code Lowering.lower(spec)}). Backends
     * that run kernel objects (simulator, kernel) need only the topology, which is what this default passes on; a
     * backend that asks a real Docker Engine to build the Docker-level part (the docker backend) needs the spec itself.
     * Probes still name namespaces of {@code topology}.
     *
     * @throws io.netrig.model.UnsupportedFeatureException when the lab needs a feature this backend lacks here
     */
    default Lab start(ValidatedLab spec, Topology topology, LabOptions options) {
        return start(topology, options);
    }

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

    /**
     * Like {@link #removeLeftovers(String)} with the options' prefix; with a host map ({@link LabOptions#hostMap()}),
     * a backend that builds labs on other machines also cleans each of them.
     */
    default java.util.List<String> removeLeftovers(LabOptions options) {
        return removeLeftovers(options.prefix());
    }
}
