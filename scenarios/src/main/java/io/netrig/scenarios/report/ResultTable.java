package io.netrig.scenarios.report;

import io.netrig.model.check.Verdict;
import java.util.ArrayList;
import java.util.List;

/** Prints verdicts as an aligned text table: probe, expected, then per backend observed and reason, then status. */
public final class ResultTable {
    private ResultTable() {
    }

    public static String render(List<Verdict> verdicts) {
        if (verdicts.isEmpty()) {
            return "(no expectations)\n";
        }
        List<String> header = new ArrayList<>(List.of("probe", "expected"));
        List<String> backends = verdicts.getFirst().observations().stream().map(Verdict.BackendObservation::backend).toList();
        for (String b : backends) {
            header.add(backends.size() == 1 ? "observed" : b);
            header.add(backends.size() == 1 ? "reason" : b + " reason");
        }
        header.add("status");
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (Verdict v : verdicts) {
            List<String> row = new ArrayList<>();
            row.add(v.expectation().probe().describe());
            row.add(v.expectation().expected().specName());
            for (Verdict.BackendObservation o : v.observations()) {
                row.add(o.observation().outcome().name());
                row.add(o.observation().reason());
            }
            row.add(!v.expectationHolds() ? "FAIL" : !v.backendsAgree() ? "DISAGREE" : "ok");
            rows.add(row);
        }
        int[] width = new int[header.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            for (int i = 0; i < row.size(); i++) {
                sb.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), width[i])).append(i == row.size() - 1 ? "" : "  ");
            }
            sb.append('\n');
            if (r == 0) {
                for (int i = 0; i < width.length; i++) {
                    sb.append("-".repeat(width[i])).append(i == width.length - 1 ? "" : "  ");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(w - s.length());
    }
}
