package io.netrig.scenarios.steps;

import static org.junit.jupiter.api.Assertions.fail;

import io.cucumber.java.Scenario;
import io.netrig.model.NetrigException;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.lower.Lowering;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.spec.ValidatedLab;
import io.netrig.model.topology.Topology;
import io.netrig.scenarios.run.BackendSelection;
import io.netrig.scenarios.run.LabRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lab of the running scenario, shared by the step classes (Cucumber makes a new instance of each per scenario,
 * and without a DI container they meet here). {@link LabSteps} begins and ends it; the lab is started on the
 * selected backends when a step first needs it, and at the end whatever else registered with {@link #beforeClose}
 * (running captures) is finished before the labs are closed. Scenarios run one per thread, hence the thread-local.
 */
final class ScenarioLab {
    private static final ThreadLocal<ScenarioLab> CURRENT = new ThreadLocal<>();

    private final BackendSelection backends;
    private final Scenario scenario;
    private final List<Runnable> beforeClose = new ArrayList<>();
    private final List<Path> kept = new ArrayList<>();
    private ValidatedLab lab;
    private Topology topology;
    private LabRun run;

    private ScenarioLab(BackendSelection backends, Scenario scenario) {
        this.backends = backends;
        this.scenario = scenario;
    }

    static ScenarioLab begin(BackendSelection backends, Scenario scenario) {
        ScenarioLab state = new ScenarioLab(backends, scenario);
        CURRENT.set(state);
        return state;
    }

    static ScenarioLab current() {
        ScenarioLab state = CURRENT.get();
        if (state == null) {
            throw new IllegalStateException("no scenario is running on this thread (LabSteps begins one before each scenario)");
        }
        return state;
    }

    BackendSelection backends() {
        return backends;
    }

    Scenario scenario() {
        return scenario;
    }

    /** The scenario's report folder: the labs work in {@code <folder>/<backend>}. */
    Path workDir() {
        return Path.of(System.getProperty("netrig.reports", "target/netrig-reports"))
                .resolve(scenario.getName().replaceAll("[^A-Za-z0-9_.-]+", "-"));
    }

    void use(ValidatedLab validated) {
        lab = validated;
        topology = Lowering.lower(validated);
    }

    ValidatedLab lab() {
        requireLab();
        return lab;
    }

    Topology topology() {
        requireLab();
        return topology;
    }

    /** The lab's topology as it is now, if the scenario declared a lab (for the report, which must not fail without one). */
    Optional<Topology> declaredTopology() {
        return Optional.ofNullable(topology);
    }

    /** Records a file the scenario keeps in its report folder (a capture's pcap), for the report to link to. */
    void keep(Path file) {
        kept.add(file);
    }

    /** The files kept so far, in the order they were kept. */
    List<Path> keptFiles() {
        return List.copyOf(kept);
    }

    private void requireLab() {
        if (topology == null) {
            fail("no lab: start the scenario with 'Given the lab:' or 'Given the lab spec \"FILE\"'");
        }
    }

    /** The lab running on every selected backend, started now if need be. */
    LabRun running() {
        requireLab();
        if (run == null) {
            run = LabRun.start(lab, topology, backends, LabOptions.defaults().withWorkDir(workDir()));
        }
        return run;
    }

    /** The lab after a docker network connect/disconnect: the running labs (started now if need be) follow it. */
    void change(ValidatedLab next) {
        LabRun current = running();
        lab = next;
        topology = Lowering.lower(next);
        current.update(topology);
    }

    /** The addresses of a host or container, for steps that name packets' ends. */
    List<Ipv4Address> addressesOf(String name) {
        String ns = topology().namespaceOf(name).orElseThrow(() -> new NetrigException("'" + name
                + "' is not a host or container of lab '" + topology.name() + "'"));
        return topology.ipsOf(ns);
    }

    /** Runs {@code action} at the end of the scenario, before the labs close (in registration order). */
    void beforeClose(Runnable action) {
        beforeClose.add(action);
    }

    /** Finishes what registered, closes the labs, forgets the scenario; the first failure is thrown after all ran. */
    void end() {
        CURRENT.remove();
        RuntimeException first = null;
        for (Runnable action : beforeClose) {
            try {
                action.run();
            } catch (RuntimeException e) {
                first = first == null ? e : addSuppressed(first, e);
            }
        }
        if (run != null) {
            try {
                run.close();
            } catch (RuntimeException e) {
                first = first == null ? e : addSuppressed(first, e);
            }
            run = null;
        }
        if (first != null) {
            throw first;
        }
    }

    private static RuntimeException addSuppressed(RuntimeException first, RuntimeException next) {
        first.addSuppressed(next);
        return first;
    }
}
