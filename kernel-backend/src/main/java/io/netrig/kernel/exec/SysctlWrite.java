package io.netrig.kernel.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes several sysctls of one namespace with one process: {@code ip netns exec NS sysctl -w k=v ...}. */
public final class SysctlWrite {
    private SysctlWrite() {
    }

    /** {@code settings} in the order given (a LinkedHashMap keeps the lab's order). */
    public static Command of(String ns, Map<String, String> settings) {
        if (settings.isEmpty()) {
            throw new IllegalArgumentException("no sysctls to write in namespace " + ns);
        }
        List<String> argv = new ArrayList<>(List.of("sysctl", "-w"));
        settings.forEach((k, v) -> argv.add(k + "=" + v));
        return new NetnsExec(ns, argv).toCommand();
    }

    /** Reads one sysctl; a non-zero exit means the key does not exist in that namespace. */
    public static Command read(String ns, String key) {
        return NetnsExec.of(ns, "sysctl", "-n", key).toCommand();
    }
}
