package io.netrig.scenarios.cli;

import io.netrig.model.backend.LabOptions;
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
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", description = "Run a lab and check its expect: list; with several backends, also compare them.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the lab spec (YAML)")
    Path file;

    @Option(names = "--backend", defaultValue = "sim", description = "sim (default), kernel, both, or a comma list")
    String backend;

    @Option(names = "--seed", defaultValue = "1", description = "simulator random seed (default 1)")
    long seed;

    @Option(names = "--work-dir", defaultValue = "reports/netrig", description = "where captures and artefacts go")
    Path workDir;

    @Option(names = "--json", description = "print results as JSON")
    boolean json;

    @Option(names = "--trace", paramLabel = "N", arity = "0..1", fallbackValue = "0",
            description = "print the hop-by-hop path of expectation N (1-based; all of them without N), where a backend knows it")
    Integer trace;

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
        try (LabRun run = LabRun.start(topology, backends, LabOptions.defaults().withSeed(seed).withWorkDir(workDir))) {
            verdicts = LabCheck.run(expectations, run.labs());
        }
        boolean passed = verdicts.stream().allMatch(Verdict::passed);
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
        return passed ? Netrig.OK : Netrig.FAILED;
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
}
