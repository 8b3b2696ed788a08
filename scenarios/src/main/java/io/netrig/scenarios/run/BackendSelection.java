package io.netrig.scenarios.run;

import io.netrig.model.NetrigException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which backends a run uses: {@code sim}, {@code kernel}, {@code both} (= sim,kernel) or a comma list. */
public record BackendSelection(List<String> names) {
    public static final String PROPERTY = "netrig.backend";

    public BackendSelection {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new NetrigException("no backend selected (expected sim, kernel, both, or a comma-separated list)");
        }
    }

    public static BackendSelection parse(String text) {
        String t = text == null || text.isBlank() ? "sim" : text.trim();
        Set<String> out = new LinkedHashSet<>();
        for (String part : t.split(",")) {
            String p = part.trim();
            if (p.equals("both")) {
                out.add("sim");
                out.add("kernel");
            } else if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return new BackendSelection(new ArrayList<>(out));
    }

    /** From the {@value #PROPERTY} system property, default sim. */
    public static BackendSelection fromSystemProperty() {
        return parse(System.getProperty(PROPERTY, "sim"));
    }

    public boolean differential() {
        return names.size() > 1;
    }
}
