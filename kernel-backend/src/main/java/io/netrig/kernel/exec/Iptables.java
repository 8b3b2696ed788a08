package io.netrig.kernel.exec;

/** iptables commands of a namespace, in the save/restore format only (whole rulesets, one process each). */
public final class Iptables {
    private Iptables() {
    }

    /** Replaces the namespace's tables with {@code rules} (iptables-save format); creates tables such as nat as needed. */
    public static Command restore(String ns, String rules) {
        return NetnsExec.of(ns, "iptables-restore").toCommand().withStdin(rules);
    }

    /** The namespace's rules with packet and byte counters ({@code [pkts:bytes] -A CHAIN ...}). */
    public static Command saveWithCounters(String ns) {
        return NetnsExec.of(ns, "iptables-save", "-c").toCommand();
    }
}
