package io.netrig.scenarios.steps;

import static org.junit.jupiter.api.Assertions.fail;

import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Then;
import io.netrig.model.NetrigException;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.check.Expectation;
import io.netrig.model.check.LabCheck;
import io.netrig.model.check.ProbeResolver;
import io.netrig.model.check.Verdict;
import io.netrig.model.spec.ExpectedResult;
import io.netrig.model.spec.ProbeSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * All-pairs reachability as a table: rows are senders, columns targets, each cell what the probe from the row to the
 * column should give. Every probe of the table runs in one {@code probeAll} per backend (the kernel runs them in
 * parallel); a cell passes when the outcome meets it on every backend and the backends agree.
 */
public final class MatrixSteps {
    private static final String NOT_PROBED = "-";

    @Then("reachability by ping is:")
    public void reachabilityByPing(DataTable table) {
        check("reachability by ping", table, (from, to) -> new ProbeSpec.PingSpec(from, to, 1));
    }

    @Then("reachability by tcp port {int} is:")
    public void reachabilityByTcp(int port, DataTable table) {
        check("reachability by tcp port " + port, table, (from, to) -> new ProbeSpec.TcpSpec(from, to, port));
    }

    @Then("reachability by udp port {int} is:")
    public void reachabilityByUdp(int port, DataTable table) {
        check("reachability by udp port " + port, table, (from, to) -> new ProbeSpec.UdpSpec(from, to, port));
    }

    /**
     * Every container of the lab pings every other one (by name, so at an address on a subnet they share when they
     * share one), all in one probeAll per backend; fails listing the pairs that were not answered on some backend.
     */
    @Then("every container can ping every other container")
    public void allContainersPingEachOther() {
        ScenarioLab state = ScenarioLab.current();
        ProbeResolver resolver = new ProbeResolver(state.topology());
        List<String> names = new ArrayList<>(state.lab().spec().containers().keySet());
        List<Expectation> expectations = new ArrayList<>();
        for (String from : names) {
            for (String to : names) {
                if (!from.equals(to)) {
                    expectations.add(new Expectation(resolver.resolve(new ProbeSpec.PingSpec(from, to, 1)), ExpectedResult.OK));
                }
            }
        }
        List<Verdict> verdicts = LabCheck.run(expectations, state.running().labs());
        List<String> failed = verdicts.stream().filter(v -> !v.passed()).map(v -> v.expectation().probe().describe() + ": "
                + v.observations().stream().map(o -> o.backend() + " " + word(o.observation().outcome()) + " ("
                + o.observation().reason() + ")").reduce((a, b) -> a + ", " + b).orElse("")).toList();
        state.scenario().log(verdicts.size() + " pings among " + names.size() + " containers, " + failed.size() + " failed");
        if (!failed.isEmpty()) {
            fail(failed.size() + " of " + verdicts.size() + " pings among the lab's containers failed:\n  "
                    + String.join("\n  ", failed.subList(0, Math.min(40, failed.size()))));
        }
    }

    /** One probed cell: where it is in the table and what it expects. */
    private record Cell(int row, int column, Expectation expectation) {
    }

    private static void check(String title, DataTable table, BiFunction<String, String, ProbeSpec> probe) {
        ScenarioLab state = ScenarioLab.current();
        List<List<String>> rows = table.cells();
        if (rows.size() < 2 || rows.getFirst().size() < 2) {
            fail(title + ": the table needs a header row of targets and at least one sender row, e.g.\n"
                    + "  |     | web | api |\n  | web |  -  |  ✓  |");
        }
        List<String> targets = rows.getFirst().subList(1, rows.getFirst().size());
        ProbeResolver resolver = new ProbeResolver(state.topology());
        List<Cell> cells = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            String from = row.getFirst();
            for (int c = 1; c < row.size(); c++) {
                String to = targets.get(c - 1);
                String text = cellText(row.get(c));
                try {
                    Optional<ExpectedResult> expected = expected(text);
                    if (expected.isPresent()) {
                        cells.add(new Cell(r, c, new Expectation(resolver.resolve(probe.apply(from, to)), expected.get())));
                    }
                } catch (NetrigException | IllegalArgumentException e) {
                    problems.add("row " + from + ", column " + to + ": " + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(title + ": the table has problems:\n  " + String.join("\n  ", problems));
        }
        List<Verdict> verdicts = LabCheck.run(cells.stream().map(Cell::expectation).toList(), state.running().labs());
        List<String> backends = verdicts.isEmpty() ? state.backends().names()
                : verdicts.getFirst().observations().stream().map(Verdict.BackendObservation::backend).toList();
        Map<String, List<List<String>>> observed = new LinkedHashMap<>();
        for (String backend : backends) {
            observed.put(backend, blank(rows));
        }
        int wrong = 0;
        for (int i = 0; i < verdicts.size(); i++) {
            Cell cell = cells.get(i);
            Verdict v = verdicts.get(i);
            boolean bad = !v.passed();
            wrong += bad ? 1 : 0;
            for (Verdict.BackendObservation o : v.observations()) {
                Observation obs = o.observation();
                boolean cellBad = !v.expectation().expected().matches(obs.outcome()) || !v.backendsAgree();
                observed.get(o.backend()).get(cell.row()).set(cell.column(), word(obs.outcome()) + (cellBad ? " *" : ""));
            }
        }
        StringBuilder report = new StringBuilder(title).append(":\n");
        observed.forEach((backend, grid) -> report.append(backend).append(" observed:\n").append(render(grid)));
        state.scenario().log(report.toString());
        if (wrong > 0) {
            fail(title + ": " + wrong + " of " + verdicts.size() + " cells do not hold (marked *"
                    + (backends.size() > 1 ? "; a cell also fails when the backends disagree" : "") + ")\nexpected:\n"
                    + render(rows) + report.substring(report.indexOf("\n") + 1)
                    + "(✓ / ok: reached; ✗ / x: not reached; - : not probed; other words are probe results)");
        }
    }

    private static String cellText(String cell) {
        return cell == null ? "" : cell.trim();
    }

    /** ✓ ok yes → reached; ✗ x fail no → not reached; - or empty → not probed; a result word (dropped, refused, …) → that. */
    private static Optional<ExpectedResult> expected(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "", NOT_PROBED -> Optional.empty();
            case "✓", "✔", "ok", "yes", "y" -> Optional.of(ExpectedResult.OK);
            case "✗", "✘", "x", "fail", "no", "n" -> Optional.of(ExpectedResult.FAIL);
            default -> Optional.of(ExpectedResult.tryParse(t).orElseThrow(() -> new IllegalArgumentException("'" + text
                    + "' is not a cell value (✓, ok, ✗, x, -, or a result: dropped, no-route, unreachable, refused, timeout)")));
        };
    }

    /** The spelling of results in features: ok, dropped, no-route, unreachable, refused, timeout. */
    private static String word(Outcome outcome) {
        return outcome == Outcome.REACHED ? "ok" : outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The table's header and first column, with "-" in every cell. */
    private static List<List<String>> blank(List<List<String>> rows) {
        List<List<String>> grid = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < rows.get(r).size(); c++) {
                row.add(r == 0 || c == 0 ? cellText(rows.get(r).get(c)) : NOT_PROBED);
            }
            grid.add(row);
        }
        return grid;
    }

    private static String render(List<List<String>> grid) {
        int columns = grid.stream().mapToInt(List::size).max().orElse(0);
        int[] width = new int[columns];
        for (List<String> row : grid) {
            for (int c = 0; c < row.size(); c++) {
                width[c] = Math.max(width[c], cellText(row.get(c)).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> row : grid) {
            sb.append("  |");
            for (int c = 0; c < row.size(); c++) {
                String v = cellText(row.get(c));
                sb.append(' ').append(v).append(" ".repeat(width[c] - v.length())).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
