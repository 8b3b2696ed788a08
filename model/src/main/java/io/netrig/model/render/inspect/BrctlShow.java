package io.netrig.model.render.inspect;

import java.util.Comparator;
import java.util.List;

/**
 * {@code brctl show} as bridge-utils prints it: bridges sorted by name (it scans /sys/class/net with alphasort), each
 * with its ID, STP state and ports (sorted too), one port per line; a bridge without ports ends its line after the tabs.
 */
final class BrctlShow {
    private static final String CONTINUATION = "\t\t\t\t\t\t\t";

    private BrctlShow() {
    }

    static String render(List<BridgeInfo> bridges) {
        StringBuilder sb = new StringBuilder("bridge name\tbridge id\t\tSTP enabled\tinterfaces\n");
        for (BridgeInfo b : bridges.stream().sorted(Comparator.comparing(BridgeInfo::name)).toList()) {
            sb.append(b.name()).append("\t\t").append(b.bridgeId()).append('\t').append(b.stp() ? "yes" : "no").append("\t\t");
            sb.append(String.join("\n" + CONTINUATION, b.interfaces())).append('\n');
        }
        return sb.toString();
    }
}
