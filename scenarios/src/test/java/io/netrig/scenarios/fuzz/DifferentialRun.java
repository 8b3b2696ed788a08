package io.netrig.scenarios.fuzz;

import io.netrig.model.backend.Backends;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Probe;
import io.netrig.model.check.ProbeResolver;
import io.netrig.model.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one generated lab on the simulator and on the kernel, one after the other (each closed before the next
 * starts, also when it fails), with the same probes, and keeps both observations of each probe and how long each
 * backend took (start, probes, close).
 */
final class DifferentialRun {
    /** Kernel objects of fuzz labs carry this prefix ({@code fz<4 hex>-<namespace>}), so residue is easy to tell. */
    static final String PREFIX = "fz";

    private final Path workDir;

    DifferentialRun(Path workDir) {
        this.workDir = workDir;
    }

    /** Both backends' observations of one lab's probes. */
    record Result(FuzzLab lab, List<Probe> probes, List<Observation> sim, List<Observation> kernel, Duration simTime,
                  Duration kernelTime) {
        Result {
            probes = List.copyOf(probes);
            sim = List.copyOf(sim);
            kernel = List.copyOf(kernel);
        }

        /** Indexes of the probes the backends disagree on. */
        List<Integer> disagreements() {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < probes.size(); i++) {
                if (!sim.get(i).agreesWith(kernel.get(i))) {
                    out.add(i);
                }
            }
            return out;
        }
    }

    /**
     * Lowers the lab, resolves its probes and runs them on both backends.
     *
     * @throws io.netrig.model.SpecException when the spec is not valid (a generator bug, or a minimiser's cut)
     * @throws io.netrig.model.NetrigException when a probe names something the lab does not have
     */
    Result run(FuzzLab lab) {
        Topology topology = LabGenerator.lower(lab.yaml(), lab.name() + ".yaml");
        ProbeResolver resolver = new ProbeResolver(topology);
        List<Probe> probes = lab.probes().stream().map(resolver::resolve).toList();
        long t0 = System.nanoTime();
        List<Observation> sim = probeOn("sim", topology, probes, lab.seed());
        long t1 = System.nanoTime();
        List<Observation> kernel = probeOn("kernel", topology, probes, lab.seed());
        long t2 = System.nanoTime();
        return new Result(lab, probes, sim, kernel, Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1));
    }

    private List<Observation> probeOn(String backend, Topology topology, List<Probe> probes, long seed) {
        LabOptions options = LabOptions.defaults().withSeed(seed).withPrefix(PREFIX)
                .withWorkDir(workDir.resolve("seed-" + seed).resolve(backend));
        try (Lab lab = Backends.byName(backend).start(topology, options)) {
            return lab.probeAll(probes);
        }
    }
}
