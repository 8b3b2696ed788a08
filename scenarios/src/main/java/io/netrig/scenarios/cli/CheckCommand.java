package io.netrig.scenarios.cli;

import io.netrig.model.backend.ComparableWithLowering;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.LoweringDifference;
import io.netrig.model.check.Expectation;
import io.netrig.model.check.LabCheck;
import io.netrig.model.check.Verdict;
import io.netrig.model.lower.Lowering;
import io.netrig.model.spec.ValidatedLab;
import io.netrig.model.topology.Topology;
import io.netrig.scenarios.report.ResultJson;
import io.netrig.scenarios.report.ResultTable;
import io.netrig.scenarios.run.BackendSelection;
import io.netrig.scenarios.run.LabRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", description = "Run a lab and check its expect: list; with several backends, also compare them.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the lab spec (YAML)")
    Path file;

    @Option(names = "--backend", defaultValue = "sim", description = "sim (default), kernel, docker, both (= sim,kernel), or a comma list such as sim,docker")
    String backend;

    @Option(names = "--seed", defaultValue = "1", description = "simulator random seed (default 1)")
    long seed;

    @Option(names = "--work-dir", defaultValue = "reports/netrig", description = "where captures and artefacts go")
    Path workDir;

    @Option(names = "--hosts", paramLabel = "FILE", description = "kernel backend: a host map (lab-vagrant/hosts.yaml) placing each spec"
            + " host on a machine reached over SSH (docs/remote-hosts.md)")
    Path hosts;

    @Option(names = "--json", description = "print results as JSON")
    boolean json;

    @Option(names = "--trace", paramLabel = "N", arity = "0..1", fallbackValue = "0",
            description = "print the hop-by-hop path of expectation N (1-based; all of them without N), where a backend knows it")
    Integer trace;

    @Option(names = "--compare-lowering", description = "with a backend that builds from the spec (docker): also print every "
            + "difference between what the engine built (addresses, MACs, rules) and netrig's lowering; exit 1 when there is one")
    boolean compareLowering;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ValidatedLab lab = SpecFiles.loadValidated(file, spec.commandLine().getErr());
        Topology topology = Lowering.lower(lab);
        List<Expectation> expectations = LabCheck.expectations(lab.spec(), topology);
        BackendSelection backends = BackendSelection.parse(backend);
        List<String> known = io.netrig.model.backend.Backends.available().stream().map(b -> b.name()).toList();
        for (String name : backends.names()) {
            if (!known.contains(name)) {
                throw new SpecFiles.BadInputException("--backend: no backend named '" + name + "' (expected sim, kernel, both, or a comma list of: "
                        + String.join(", ", known) + ")");
            }
        }
        if (!json) {
            out.printf("lab '%s': %d namespaces, %d links; starting on %s%n", topology.name(), topology.namespaces().size(),
                    topology.links().size(), String.join(" and ", backends.names()));
            out.flush();
        }
        List<Verdict> verdicts;
        Map<String, List<LoweringDifference>> differences = new LinkedHashMap<>();
        try (LabRun run = LabRun.start(lab, topology, backends, labOptions())) {
            verdicts = LabCheck.run(expectations, run.labs());
            if (compareLowering) {
                run.labs().forEach((name, running) -> {
                    if (running instanceof ComparableWithLowering engine) {
                        differences.put(name, engine.differencesFromLowering());
                    }
                });
                if (differences.isEmpty()) {
                    throw new SpecFiles.BadInputException("--compare-lowering: none of the backends " + backends.names()
                            + " builds from the spec (the docker backend does)");
                }
            }
        }
        boolean passed = verdicts.stream().allMatch(Verdict::passed) && differences.values().stream().allMatch(List::isEmpty);
        if (json) {
            out.print(ResultJson.render(topology.name(), verdicts));
        } else {
            out.print(ResultTable.render(verdicts));
            long failed = verdicts.stream().filter(v -> !v.passed()).count();
            out.printf("%d of %d expectations hold%s%n", verdicts.size() - failed, verdicts.size(),
                    backends.differential() ? ", backends " + (verdicts.stream().allMatch(Verdict::backendsAgree) ? "agree" : "DISAGREE") : "");
            if (trace != null) {
                printTraces(out, verdicts);
            }
        }
        differences.forEach((name, list) -> printDifferences(json ? spec.commandLine().getErr() : out, name, list));
        return passed ? Netrig.OK : Netrig.FAILED;
    }

    /** What the engine built that netrig's lowering of the spec does not say, one line each (bridge names normalised). */
    private static void printDifferences(PrintWriter out, String backend, List<LoweringDifference> differences) {
        if (differences.isEmpty()) {
            out.printf("%s: the engine built what netrig's lowering says (addresses, MACs, rules; bridge names aside)%n", backend);
        } else {
            out.printf("%s: %d differences between the engine and netrig's lowering:%n", backend, differences.size());
            differences.forEach(d -> out.printf("  %s%n    lowering: %s%n    engine:   %s%n", d.subject(), d.lowering(), d.engine()));
        }
        out.flush();
    }

    /** The path each backend recorded for the chosen expectations (the simulator records every hop; the kernel none). */
    private void printTraces(PrintWriter out, List<Verdict> verdicts) {
        if (trace < 0 || trace > verdicts.size()) {
            throw new SpecFiles.BadInputException("--trace: expectation " + trace + " does not exist (the lab has "
                    + verdicts.size() + "; give 1-" + verdicts.size() + ", or no number for all)");
        }
        for (int i = 0; i < verdicts.size(); i++) {
            if (trace != 0 && trace != i + 1) {
                continue;
            }
            Verdict v = verdicts.get(i);
            for (Verdict.BackendObservation o : v.observations()) {
                out.printf("%ntrace %d: %s on %s: %s%n", i + 1, v.expectation().probe().describe(), o.backend(), o.observation().outcome());
                if (o.observation().path().isEmpty()) {
                    out.println("  (this backend records no path: see its capture files and rule counters)");
                }
                o.observation().path().forEach(step -> out.println("  " + step));
            }
        }
    }

    private LabOptions labOptions() {
        LabOptions options = LabOptions.defaults().withSeed(seed).withWorkDir(workDir);
        return hosts == null ? options : options.withHostMap(hosts);
    }
}
