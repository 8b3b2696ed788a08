package io.netrig.kernel.internal;

import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.RuleRef;
import io.netrig.model.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The {@link ProbeBatch.Runner} of a lab that names drops from its rules' counters: a window reads every counter when it
 * opens and again when asked, and {@link DropAttribution} names the rule whose counter grew. A lab on one machine
 * ({@link KernelLab}) and a lab across machines ({@code host.MultiHostLab}) differ only in how a probe runs and how the
 * counters are read.
 *
 * @param run      runs one probe with the drop-rule window it is given
 * @param counters reads the counters of every namespace that has rules, keyed by topology namespace
 */
public record CountedRunner(Topology topology, BiFunction<Probe, Supplier<Optional<RuleRef>>, Observation> run,
                            Supplier<Map<String, CounterSnapshot>> counters) implements ProbeBatch.Runner {
    public CountedRunner {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(counters, "counters");
    }

    @Override
    public Observation run(Probe probe, Supplier<Optional<RuleRef>> dropRule) {
        return run.apply(probe, dropRule);
    }

    @Override
    public Supplier<Optional<RuleRef>> openWindow() {
        Map<String, CounterSnapshot> before = counters.get();
        return () -> DropAttribution.find(topology, before, counters.get());
    }

    @Override
    public Supplier<List<RuleRef>> openWindowAll() {
        Map<String, CounterSnapshot> before = counters.get();
        return () -> DropAttribution.findAll(topology, before, counters.get());
    }

    @Override
    public boolean canMeet(Probe probe, RuleRef rule) {
        return DropAttribution.canMeet(topology, probe, rule);
    }

    @Override
    public Observation attributed(Probe probe) {
        return probe instanceof Probe.Lookup ? run(probe, Optional::empty) : run(probe, openWindow());
    }
}
