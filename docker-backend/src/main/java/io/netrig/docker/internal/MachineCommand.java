package io.netrig.docker.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A process to run on the machine, as an argv list (never a shell string), with the namespace it runs in. The
 * factories are the only places that spell out command lines; {@link DockerExecutor} runs them.
 *
 * @param netns the network namespace (a lab namespace made with {@code ip netns add}), or empty for the machine's own
 */
public record MachineCommand(List<String> argv, java.util.Optional<String> netns) {
    public MachineCommand {
        argv = List.copyOf(argv);
        Objects.requireNonNull(netns, "netns");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs a program");
        }
    }

    public static MachineCommand of(String... argv) {
        return new MachineCommand(List.of(argv), java.util.Optional.empty());
    }

    /** The same command run inside lab namespace {@code ns} ({@code ip netns exec NS …}). */
    public MachineCommand in(String ns) {
        return new MachineCommand(argv, java.util.Optional.of(ns));
    }

    /** The full argv the executor starts. */
    public List<String> fullArgv() {
        if (netns.isEmpty()) {
            return argv;
        }
        List<String> out = new ArrayList<>(List.of("ip", "netns", "exec", netns.get()));
        out.addAll(argv);
        return out;
    }

    /** {@code ip -batch -}: the lines are fed on standard input, one process for many changes. */
    public static MachineCommand ipBatch() {
        return of("ip", "-batch", "-");
    }

    public static MachineCommand addNamespace(String ns) {
        return of("ip", "netns", "add", ns);
    }

    public static MachineCommand deleteNamespace(String ns) {
        return of("ip", "netns", "delete", ns);
    }

    public static MachineCommand listNamespaces() {
        return of("ip", "-j", "netns", "list");
    }

    /** Links of the machine's own namespace, as JSON. */
    public static MachineCommand listRootLinks() {
        return of("ip", "-j", "link", "show");
    }

    public static MachineCommand deleteRootLink(String name) {
        return of("ip", "link", "delete", name);
    }

    /** Routes of the machine's own namespace, as JSON (to refuse a lab whose addresses the machine already routes). */
    public static MachineCommand rootRoutes() {
        return of("ip", "-j", "route", "show");
    }

    public static MachineCommand rootAddresses(String link) {
        return of("ip", "-j", "-4", "addr", "show", "dev", link);
    }

    public static MachineCommand iptablesSaveWithCounters() {
        return of("iptables-save", "-c");
    }

    public static MachineCommand iptablesRestore() {
        return of("iptables-restore");
    }

    public static MachineCommand sysctl(String key, String value) {
        return of("sysctl", "-q", "-w", key + "=" + value);
    }

    /** Shared libraries a program needs, to copy them into the probe image. */
    public static MachineCommand ldd(String program) {
        return of("ldd", program);
    }
}
