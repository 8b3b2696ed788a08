package io.netrig.model.render.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker network ls} as Docker 20.10's CLI prints it: its table template
 * {@code {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}} through Go's tabwriter with minimum width 10 and padding 3
 * (a column is as wide as its widest cell plus 3, at least 10; the last column is not padded).
 */
final class NetworkLs {
    private static final int MIN_WIDTH = 10;
    private static final int PADDING = 3;

    private NetworkLs() {
    }

    /** @param networks in the order to print (the CLI sorts them by name, see {@link NaturalOrder}) */
    static String render(List<DockerNetwork> networks) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("NETWORK ID", "NAME", "DRIVER", "SCOPE"));
        networks.forEach(n -> rows.add(List.of(n.shortId(), n.name(), n.driver(), n.scope())));
        return table(rows);
    }

    private static String table(List<List<String>> rows) {
        int columns = rows.getFirst().size();
        int[] width = new int[columns - 1];
        for (List<String> row : rows) {
            for (int c = 0; c < columns - 1; c++) {
                width[c] = Math.max(width[c], Math.max(MIN_WIDTH, row.get(c).length() + PADDING));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows) {
            for (int c = 0; c < columns - 1; c++) {
                sb.append(row.get(c)).append(" ".repeat(width[c] - row.get(c).length()));
            }
            sb.append(row.getLast()).append('\n');
        }
        return sb.toString();
    }
}
