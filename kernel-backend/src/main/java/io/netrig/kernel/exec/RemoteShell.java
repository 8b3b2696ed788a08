package io.netrig.kernel.exec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An SSH exec request carries one string, which the remote login shell splits; each argv element is therefore sent
 * single-quoted (a quote inside as {@code '\''}), so the remote program receives exactly the argv of the
 * {@link Command}: no word splitting, globbing or expansion of any element.
 */
public final class RemoteShell {
    private RemoteShell() {
    }

    public static String commandLine(List<String> argv) {
        return argv.stream().map(RemoteShell::quote).collect(Collectors.joining(" "));
    }

    static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
