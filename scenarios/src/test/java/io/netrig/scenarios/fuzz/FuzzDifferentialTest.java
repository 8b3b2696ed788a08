package io.netrig.scenarios.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topology fuzzer: {@code netrig.fuzz.labs} seeded random labs (default 200), from seed {@code netrig.fuzz.seed}
 * on (default 1), each run on the simulator and on the kernel with all-pairs probes; any probe the backends disagree on
 * fails the test, after the lab was minimised and written to {@code <netrig.reports>/fuzz/seed-N.yaml} (runnable with
 * {@code ./netrig check FILE --backend both}) with both observations in {@code seed-N.txt}. Labs run
 * {@code netrig.fuzz.parallel} at a time (default 8: most of a kernel lab's time is probes waiting for their timeout).
 * Without root it is skipped, never passed.
 */
@Tag("kernel")
class FuzzDifferentialTest {
    private static final Logger LOG = LoggerFactory.getLogger(FuzzDifferentialTest.class);

    /** One seed's fate. */
    private record Outcome(long seed, Optional<DifferentialRun.Result> result, Optional<Throwable> failure, String yaml) {
    }

    @Test
    void seededLabsGiveTheSameObservationsOnBothBackends() throws InterruptedException {
        String whyNot = FuzzSettings.kernelUnavailable();
        Assumptions.assumeTrue(whyNot.isEmpty(), () -> "differential fuzzing skipped: " + whyNot);
        int labs = FuzzSettings.labs();
        Assumptions.assumeTrue(labs > 0, "differential fuzzing skipped: netrig.fuzz.labs is 0 in this build (run it with "
                + "-Dnetrig.fuzz.labs=N; see scenarios/pom.xml for the command)");
        long firstSeed = FuzzSettings.seed();
        int parallel = FuzzSettings.parallel();
        Path reports = FuzzSettings.reportDir();
        FuzzReport report = new FuzzReport(reports);
        DifferentialRun runner = new DifferentialRun(FuzzSettings.workDir());
        LabGenerator generator = new LabGenerator();

        MachineSnapshot before = MachineSnapshot.now();
        assertEquals(List.of(), before.fuzzNamespaces(), "fuzz namespaces exist before the run (a killed run's? ./netrig clean removes them)");
        clearOldReports(reports);
        long start = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < labs; i++) {
                long seed = firstSeed + i;
                futures.add(pool.submit(() -> runOne(generator, runner, seed)));
            }
            for (Future<Outcome> f : futures) {
                try {
                    outcomes.add(f.get());
                } catch (ExecutionException e) {
                    throw new AssertionError("a fuzz lab's task failed unexpectedly", e.getCause());
                }
            }
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);

        List<String> problems = new ArrayList<>();
        int generatorBugs = 0;
        int probes = 0;
        Duration simTotal = Duration.ZERO;
        Duration kernelTotal = Duration.ZERO;
        List<DifferentialRun.Result> disagreeing = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.failure().isPresent()) {
                Throwable t = o.failure().get();
                Path f = report.failure(o.seed(), o.yaml(), t);
                if (t instanceof LabGenerator.InvalidDraw) {
                    generatorBugs++;
                    problems.add("seed " + o.seed() + ": the generator drew an invalid spec (a generator bug): " + f);
                } else {
                    problems.add("seed " + o.seed() + ": the lab could not be run: " + t + " — " + f);
                }
                continue;
            }
            DifferentialRun.Result r = o.result().orElseThrow();
            probes += r.probes().size();
            simTotal = simTotal.plus(r.simTime());
            kernelTotal = kernelTotal.plus(r.kernelTime());
            if (!r.disagreements().isEmpty()) {
                disagreeing.add(r);
            }
        }
        // Minimise one disagreement at a time, after the fuzz run, so that its re-runs see no other lab's load; one lab
        // per kind of disagreement (probe kind, sim outcome, kernel outcome), at most netrig.fuzz.minimise-max of them.
        java.util.Set<String> minimisedKinds = new java.util.HashSet<>();
        List<String> orderDependent = new ArrayList<>();
        for (DifferentialRun.Result r : disagreeing) {
            String kind = signature(r);
            boolean minimise = minimisedKinds.size() < FuzzSettings.minimiseMax() && minimisedKinds.add(kind);
            Minimiser m = new Minimiser(runner, minimise ? FuzzSettings.minimiseBudget() : Duration.ZERO);
            Optional<DifferentialRun.Result> small = Optional.empty();
            try {
                small = m.minimise(r);
            } catch (RuntimeException e) {
                LOG.warn("seed {}: minimising failed: {}", r.lab().seed(), e.toString());
            }
            Path spec = report.disagreement(r, small, m.trials());
            String line = "seed " + r.lab().seed() + ": the backends disagree on " + r.disagreements().size() + " probe(s) [" + kind
                    + "], e.g. " + r.probes().get(r.disagreements().getFirst()).describe() + ": " + spec + " and "
                    + spec.resolveSibling("seed-" + r.lab().seed() + ".txt").getFileName();
            if (small.isEmpty()) {
                // the disagreeing probes alone agree: the result depended on what other probes had left behind (neighbour
                // entries being resolved, conntrack), i.e. on the order and overlap of probes, which differ by backend
                orderDependent.add(line + " (NOT reproduced when its disagreeing probes ran again without the others: the result"
                        + " depended on the order and overlap of probes, e.g. ICMP error rate limits, neighbour or conntrack state)");
            } else {
                problems.add(line);
            }
        }
        if (FuzzSettings.strict()) {
            problems.addAll(orderDependent);
        }
        int ran = outcomes.size() - (int) outcomes.stream().filter(o -> o.failure().isPresent()).count();
        String summary = String.format(
                "fuzz: %d labs from seed %d (%d ran on both backends, %d probes), %d at a time, in %.1f s wall (%.2f labs/s);%n"
                        + "mean per lab: sim %.2f s, kernel %.2f s; %d disagreeing labs (%d of them not reproduced alone), %d invalid draws,"
                        + " %d labs that failed to run%n",
                labs, firstSeed, ran, probes, parallel, wall.toMillis() / 1000.0, ran * 1000.0 / Math.max(1, wall.toMillis()),
                ran == 0 ? 0.0 : simTotal.toMillis() / 1000.0 / ran, ran == 0 ? 0.0 : kernelTotal.toMillis() / 1000.0 / ran,
                disagreeing.size(), orderDependent.size(), generatorBugs, outcomes.size() - ran - generatorBugs);
        LOG.info(summary.strip());
        report.summary(summary + String.join("\n", problems) + "\n" + String.join("\n", orderDependent) + "\n");
        orderDependent.forEach(LOG::warn);

        MachineSnapshot after = MachineSnapshot.now();
        String residue = after.residueSince(before);
        if (!residue.isEmpty()) {
            problems.add("the fuzz labs left kernel objects behind on this machine:\n" + residue);
        }
        if (!problems.isEmpty()) {
            fail(summary + problems.size() + " problem(s), reports in " + reports + ":\n" + String.join("\n", problems));
        }
    }

    /** What kind of disagreement a lab shows: its first disagreeing probe's kind and both outcomes. */
    private static String signature(DifferentialRun.Result r) {
        int i = r.disagreements().getFirst();
        return r.probes().get(i).describe().split(" ", 2)[0] + " sim " + r.sim().get(i).outcome() + " / kernel " + r.kernel().get(i).outcome();
    }

    private static Outcome runOne(LabGenerator generator, DifferentialRun runner, long seed) {
        FuzzLab lab;
        try {
            lab = generator.generate(seed);
        } catch (LabGenerator.InvalidDraw e) {
            return new Outcome(seed, Optional.empty(), Optional.of(e), e.yaml());
        }
        try {
            return new Outcome(seed, Optional.of(runner.run(lab)), Optional.empty(), lab.yaml());
        } catch (RuntimeException e) {
            return new Outcome(seed, Optional.empty(), Optional.of(e), lab.yaml());
        }
    }

    /** Removes seed files of an earlier run, so that they are not mistaken for this run's. */
    private static void clearOldReports(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    for (Path f : files.filter(p -> p.getFileName().toString().startsWith("seed-")).toList()) {
                        Files.delete(f);
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot clear the fuzz report folder " + dir, e);
        }
    }
}
