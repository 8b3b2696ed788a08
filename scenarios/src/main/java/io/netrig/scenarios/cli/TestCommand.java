package io.netrig.scenarios.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import io.netrig.model.backend.Backends;
import io.netrig.scenarios.run.BackendSelection;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import io.cucumber.tagexpressions.Expression;
import io.cucumber.tagexpressions.TagExpressionException;
import io.cucumber.tagexpressions.TagExpressionParser;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netrig test}: runs Cucumber features with netrig's step vocabulary (docs/steps.md) through the JUnit Platform,
 * as {@code RunFeaturesTest} does under Maven, printing each scenario as it starts and a summary table at the end.
 * The backends, the report folder and the project root reach the steps as the system properties the Maven runs set
 * ({@code netrig.backend}, {@code netrig.report}, {@code netrig.reports}, {@code netrig.root}), for the run only.
 */
@Command(name = "test", description = "Run Cucumber features (default: the project's features/ folder) on the chosen backends; "
        + "HTML, JSON and JUnit XML reports, topology diagrams and pcaps go to the report folder.")
final class TestCommand implements Callable<Integer> {
    private static final String GLUE = "io.netrig.scenarios.steps";

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "feature files or folders (default: features/ of the project)")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--backend", defaultValue = "sim", description = "sim (default), kernel, both (= sim,kernel), or a comma list")
    String backend;

    @Option(names = "--tags", paramLabel = "EXPRESSION",
            description = "a Cucumber tag expression, e.g. '@macvlan and not @kernel-only'; @wip scenarios are always left out")
    String tags;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "reports/netrig-test",
            description = "report folder (default reports/netrig-test)")
    Path report;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** One scenario's fate. */
    private record Result(String feature, String scenario, String status, double seconds, String why) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path root = Path.of(System.getProperty("netrig.root", "."));
        List<Path> features = paths.isEmpty() ? List.of(root.resolve("features")) : paths;
        for (Path p : features) {
            if (!Files.exists(p)) {
                throw new SpecFiles.BadInputException(p + ": no such feature file or folder"
                        + (paths.isEmpty() ? " (run netrig test in the project folder, or name the features to run)" : ""));
            }
        }
        BackendSelection backends = BackendSelection.parse(backend);
        List<String> known = Backends.available().stream().map(b -> b.name()).toList();
        for (String name : backends.names()) {
            if (!known.contains(name)) {
                throw new SpecFiles.BadInputException("--backend: unknown backend '" + name + "' (available: " + String.join(", ", known) + ")");
            }
        }
        String run = backends.differential() ? "differential" : backends.names().getFirst();
        Path folder = report.toAbsolutePath().normalize();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the report folder " + folder, e);
        }
        String filter = tags == null || tags.isBlank() ? "not @wip" : "(" + tags + ") and not @wip";
        Expression selected;
        try {
            selected = TagExpressionParser.parse(filter);
        } catch (TagExpressionException e) {
            throw new SpecFiles.BadInputException("--tags: " + e.getMessage());
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(features.stream().map(TestCommand::selector).toList())
                .filters(EngineFilter.includeEngines("cucumber"))
                .configurationParameter("cucumber.glue", GLUE)
                .configurationParameter("cucumber.filter.tags", filter)
                .configurationParameter("cucumber.plugin", "html:" + folder.resolve("cucumber.html") + ", json:"
                        + folder.resolve("cucumber.json") + ", junit:" + folder.resolve("cucumber.xml"))
                .configurationParameter("cucumber.publish.quiet", "true")
                .build();

        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(BackendSelection.PROPERTY, String.join(",", backends.names()));
        properties.put("netrig.report", folder.toString());
        properties.put("netrig.reports", folder.resolve(run).toString());
        properties.put("netrig.root", root.toAbsolutePath().normalize().toString());
        Progress progress = new Progress(out, String.join(",", backends.names()), selected);
        long start = System.nanoTime();
        withProperties(properties, () -> LauncherFactory.create().execute(request, progress));
        double seconds = (System.nanoTime() - start) / 1e9;
        return summary(out, progress.results, features, folder, run, seconds);
    }

    private static DiscoverySelector selector(Path p) {
        return Files.isDirectory(p) ? selectDirectory(p.toFile()) : selectFile(p.toFile());
    }

    /** Sets the properties for the run and puts back what was there before, also when the run throws. */
    private static void withProperties(Map<String, String> properties, Runnable action) {
        Map<String, Optional<String>> before = new LinkedHashMap<>();
        properties.forEach((k, v) -> before.put(k, Optional.ofNullable(System.getProperty(k))));
        properties.forEach(System::setProperty);
        try {
            action.run();
        } finally {
            before.forEach((k, v) -> v.ifPresentOrElse(x -> System.setProperty(k, x), () -> System.clearProperty(k)));
        }
    }

    private int summary(PrintWriter out, List<Result> results, List<Path> features, Path folder, String run, double seconds) {
        if (results.isEmpty()) {
            throw new SpecFiles.BadInputException("no scenarios to run in " + features
                    + (tags == null ? "" : " with tags '" + tags + "'") + " (scenarios tagged @wip are left out)");
        }
        out.println();
        String format = "%-7s  %-" + width(results, Result::feature) + "s  %-" + width(results, Result::scenario) + "s  %7s%n";
        out.printf(format, "result", "feature", "scenario", "seconds");
        for (Result r : results) {
            out.printf(format, r.status(), r.feature(), r.scenario(), String.format(Locale.ROOT, "%.1f", r.seconds()));
            if (!r.why().isEmpty()) {
                out.printf("         %s%n", r.why());
            }
        }
        long passed = results.stream().filter(r -> r.status().equals("passed")).count();
        long failed = results.stream().filter(r -> r.status().equals("FAILED")).count();
        long skipped = results.size() - passed - failed;
        out.printf(Locale.ROOT, "%n%d scenarios on %s: %d passed, %d failed, %d skipped, in %.1f s%n", results.size(), backend,
                passed, failed, skipped, seconds);
        out.printf("report:  %s (also cucumber.json, and cucumber.xml as JUnit XML)%n", folder.resolve("cucumber.html"));
        out.printf("per scenario, its topology diagram and pcaps: %s%n", folder.resolve(run));
        out.flush();
        if (failed > 0) {
            return Netrig.FAILED;
        }
        if (passed == 0) {
            spec.commandLine().getErr().println("netrig: no scenario ran on " + backend + ": every one was skipped (reasons above)");
            return Netrig.BACKEND_ERROR;
        }
        return Netrig.OK;
    }

    private static int width(List<Result> results, java.util.function.Function<Result, String> column) {
        return Math.max(8, results.stream().mapToInt(r -> column.apply(r).length()).max().orElse(8));
    }

    /**
     * Prints each scenario as it starts ({@code [n/N]}) and collects how each ended. Cucumber's engine reports the
     * scenarios its tag filter leaves out as skipped; they are not counted.
     */
    private static final class Progress implements TestExecutionListener {
        private final PrintWriter out;
        private final String backends;
        private final Expression selected;
        private final List<Result> results = new ArrayList<>();
        private final Map<TestIdentifier, Long> started = new LinkedHashMap<>();
        private TestPlan plan;
        private long total;

        Progress(PrintWriter out, String backends, Expression selected) {
            this.out = out;
            this.backends = backends;
            this.selected = selected;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            plan = testPlan;
            total = testPlan.countTestIdentifiers(id -> id.isTest() && selected(id));
        }

        /** Whether the scenario's tags (its feature's included) fit the tag expression. */
        private boolean selected(TestIdentifier id) {
            return selected.evaluate(id.getTags().stream().map(TestTag::getName).map(t -> t.startsWith("@") ? t : "@" + t).toList());
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            if (id.isTest()) {
                started.put(id, System.nanoTime());
                out.printf("[%d/%d] %s: %s › %s%n", started.size(), total, backends, feature(id), id.getDisplayName());
                out.flush();
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (id.isTest() && selected(id)) {
                results.add(new Result(feature(id), id.getDisplayName(), "skipped", 0, reason));
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (!id.isTest()) {
                return;
            }
            double seconds = (System.nanoTime() - started.getOrDefault(id, System.nanoTime())) / 1e9;
            String why = result.getThrowable().map(t -> firstLine(t.getMessage() == null ? t.toString() : t.getMessage())).orElse("");
            String status = switch (result.getStatus()) {
                case SUCCESSFUL -> "passed";
                case ABORTED -> "skipped";
                case FAILED -> "FAILED";
            };
            results.add(new Result(feature(id), id.getDisplayName(), status, seconds, why));
        }

        /** The feature's name: the ancestor just below the engine (a scenario outline and its examples sit between). */
        private String feature(TestIdentifier id) {
            TestIdentifier feature = id;
            Optional<TestIdentifier> parent = plan.getParent(id);
            while (parent.isPresent() && plan.getParent(parent.get()).isPresent()) {
                feature = parent.get();
                parent = plan.getParent(feature);
            }
            return feature.getDisplayName();
        }

        private static String firstLine(String text) {
            String line = text.strip().lines().findFirst().orElse("");
            return line.length() > 160 ? line.substring(0, 157) + "..." : line;
        }
    }
}
