package io.netrig.scenarios.run;

import io.netrig.model.backend.Backends;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabBackend;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.spec.ValidatedLab;
import io.netrig.model.topology.Topology;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One topology running on one or more backends at once. If a backend fails to start, the labs already started
 * are closed before the failure propagates.
 */
public final class LabRun implements AutoCloseable {
    private final Map<String, Lab> labs;

    private LabRun(Map<String, Lab> labs) {
        this.labs = labs;
    }

    public static LabRun start(Topology topology, BackendSelection backends, LabOptions options) {
        return start(Optional.empty(), topology, backends, options);
    }

    /**
     * Starts the lab of a spec: {@code topology} is its lowering. Backends that build from the spec itself (the docker
     * backend) get it; the others get the topology.
     */
    public static LabRun start(ValidatedLab spec, Topology topology, BackendSelection backends, LabOptions options) {
        return start(Optional.of(spec), topology, backends, options);
    }

    private static LabRun start(Optional<ValidatedLab> spec, Topology topology, BackendSelection backends, LabOptions options) {
        Map<String, Lab> started = new LinkedHashMap<>();
        try {
            for (String name : backends.names()) {
                LabBackend backend = Backends.byName(name);
                LabOptions own = options.withWorkDir(options.workDir().resolve(name));
                started.put(name, spec.isPresent() ? backend.start(spec.get(), topology, own) : backend.start(topology, own));
            }
            return new LabRun(started);
        } catch (RuntimeException e) {
            started.values().forEach(lab -> {
                try {
                    lab.close();
                } catch (RuntimeException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
            });
            throw e;
        }
    }

    /**
     * Changes every running lab into {@code next} ({@link Lab#update}), as a running Docker host changes on
     * {@code docker network connect} and {@code disconnect}.
     */
    public void update(Topology next) {
        labs.values().forEach(lab -> lab.update(next));
    }

    /** Running labs by backend name, in selection order. */
    public Map<String, Lab> labs() {
        return Collections.unmodifiableMap(labs);
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (Lab lab : labs.values()) {
            try {
                lab.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
