package io.netrig.scenarios.fuzz;

import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Writes what the fuzzer found to the report folder: per disagreeing seed a runnable spec ({@code seed-N.yaml}, the
 * minimised lab with the kernel's results as its expectations, so {@code ./netrig check seed-N.yaml --backend both}
 * shows the disagreement) and a text report ({@code seed-N.txt}: both observations of each disagreeing probe, for the
 * minimised and the original lab, and the original spec).
 */
final class FuzzReport {
    private final Path dir;

    FuzzReport(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** Writes the files of one disagreeing seed; returns the spec file. */
    Path disagreement(DifferentialRun.Result original, Optional<DifferentialRun.Result> minimised, int trials) {
        DifferentialRun.Result shown = minimised.orElse(original);
        List<Integer> idx = shown.disagreements();
        FuzzLab repro = shown.lab().withProbes(idx.stream().map(i -> shown.lab().probes().get(i)).toList());
        List<String> results = idx.stream().map(i -> resultWord(shown.kernel().get(i).outcome())).toList();
        StringBuilder spec = new StringBuilder();
        spec.append("# netrig fuzzer, seed ").append(original.lab().seed()).append(minimised.isPresent()
                ? ": minimised (" + trials + " trial runs)" : ": NOT minimised (the disagreement did not come back on a re-run)").append('\n');
        spec.append("# Expectations are the kernel's results; the simulator disagrees:\n");
        for (int i : idx) {
            spec.append("#   ").append(shown.probes().get(i).describe()).append(": sim ").append(line(shown.sim().get(i)))
                    .append(" | kernel ").append(line(shown.kernel().get(i))).append('\n');
        }
        spec.append("# Run: ./netrig check ").append(file(original, ".yaml").getFileName()).append(" --backend both\n");
        spec.append(repro.yamlWithExpectations(results));
        Path specFile = file(original, ".yaml");
        write(specFile, spec.toString());

        StringBuilder text = new StringBuilder();
        text.append("seed ").append(original.lab().seed()).append(": the backends disagree on ")
                .append(original.disagreements().size()).append(" of ").append(original.probes().size()).append(" probes\n\n");
        if (minimised.isPresent()) {
            text.append("== minimised lab (").append(trials).append(" trial runs): ").append(specFile.getFileName()).append('\n');
            observations(text, shown);
        } else {
            text.append("== the disagreement did not come back when the disagreeing probes ran again (flaky?)\n");
        }
        text.append("\n== original lab\n");
        observations(text, original);
        text.append("\n== original spec\n").append(original.lab().yaml());
        write(file(original, ".txt"), text.toString());
        return specFile;
    }

    /** Writes a report for a seed whose lab could not be generated or run. */
    Path failure(long seed, String yaml, Throwable failure) {
        Path f = dir.resolve("seed-" + seed + "-error.txt");
        java.io.StringWriter trace = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(trace));
        write(f, "seed " + seed + ": " + failure + "\n\n== spec\n" + yaml + "\n== trace\n" + trace);
        return f;
    }

    Path summary(String text) {
        Path f = dir.resolve("summary.txt");
        write(f, text);
        return f;
    }

    private static void observations(StringBuilder text, DifferentialRun.Result r) {
        for (int i : r.disagreements()) {
            text.append(r.probes().get(i).describe()).append('\n');
            text.append("  sim:    ").append(line(r.sim().get(i))).append('\n');
            detail(text, r.sim().get(i));
            text.append("  kernel: ").append(line(r.kernel().get(i))).append('\n');
            detail(text, r.kernel().get(i));
        }
    }

    private static void detail(StringBuilder text, Observation o) {
        if (!o.detail().isBlank() && o.rule().isPresent()) {
            text.append("          detail: ").append(o.detail()).append('\n');
        }
        if (!o.path().isEmpty()) {
            text.append("          path: ").append(String.join(" -> ", o.path())).append('\n');
        }
    }

    private static String line(Observation o) {
        return o.outcome() + (o.answers().isEmpty() ? "" : " " + o.answers()) + " (" + o.reason() + ")";
    }

    static String resultWord(Outcome o) {
        return switch (o) {
            case REACHED -> "ok";
            case DROPPED -> "dropped";
            case NO_ROUTE -> "no-route";
            case UNREACHABLE -> "unreachable";
            case REFUSED -> "refused";
            case TIMEOUT -> "timeout";
            case NOT_FOUND -> "not-found";
        };
    }

    private Path file(DifferentialRun.Result r, String ext) {
        return dir.resolve("seed-" + r.lab().seed() + ext);
    }

    private static void write(Path f, String text) {
        try {
            Files.createDirectories(f.getParent());
            Files.writeString(f, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write fuzz report " + f, e);
        }
    }
}
