package io.netrig.kernel;

import io.netrig.kernel.exec.Command;
import io.netrig.kernel.exec.CommandExecutor;
import io.netrig.kernel.exec.IpQuery;
import io.netrig.kernel.internal.LabState;
import io.netrig.kernel.internal.ResolverFiles;
import io.netrig.kernel.internal.StateStore;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a lab must leave as it found it (LAB-SAFETY 4): the machine's namespaces, the links of its own namespace,
 * its own iptables rules (without the comment lines, which carry the time), and the resolver folders in
 * {@code /etc/netns} (one per lab namespace while the lab runs).
 */
public record MachineState(List<String> namespaces, List<String> rootLinks, List<String> rootIptables, List<String> resolverDirs) {
    /** Any lab's namespace: {@code <prefix><4 hex>-<name>}, the lab id in group 1. */
    private static final Pattern LAB_NAMESPACE = Pattern.compile("([a-z][a-z0-9]{1,7}[0-9a-f]{4})-.+");

    public MachineState {
        namespaces = namespaces.stream().sorted().toList();
        rootLinks = rootLinks.stream().sorted().toList();
        rootIptables = List.copyOf(rootIptables);
        resolverDirs = resolverDirs.stream().sorted().toList();
    }

    /**
     * {@code -Dnetrig.it.foreignDocker=true}: a Docker Engine someone else drives runs on this machine while the tests do
     * (a shared development machine), so links it makes in the machine's namespace ({@code docker0}, {@code br-} and 12 hex
     * digits, {@code veth} and 7) come and go during a test and are left out of the comparison. Off by default and in CI:
     * netrig's kernel backend never makes a link there, and such names would hide a leaked lab link.
     */
    private static final boolean FOREIGN_DOCKER = Boolean.getBoolean("netrig.it.foreignDocker");
    private static final Pattern DOCKER_LINK = Pattern.compile("docker0|br-[0-9a-f]{12}|veth[0-9a-f]{7}");

    public static MachineState of(CommandExecutor exec) {
        return new MachineState(
                IpQuery.namespaceNames(exec.run(IpQuery.netnsList()).stdout()),
                IpQuery.linkNames(exec.run(IpQuery.links(Optional.empty())).stdout()).stream()
                        .filter(l -> !FOREIGN_DOCKER || !DOCKER_LINK.matcher(l).matches()).toList(),
                exec.run(Command.of(List.of("iptables-save"))).stdout().lines().filter(l -> !l.startsWith("#"))
                        .filter(l -> !FOREIGN_DOCKER || !(l.contains("DOCKER") || l.contains("docker") || l.contains("br-")))
                        .map(l -> FOREIGN_DOCKER ? l.replaceAll(" \\[[0-9]+:[0-9]+\\]$", "") : l).toList(),
                new ResolverFiles(ResolverFiles.DEFAULT_DIR).all());
    }

    /**
     * Resolver folders ({@code /etc/netns/<namespace>}) that exist now but did not in {@code before}, except those of
     * labs another live process is running; like namespaces, read again before being called residue.
     */
    public List<String> resolverDirsLeftSince(MachineState before, StateStore states) {
        Set<String> was = new HashSet<>(before.resolverDirs);
        List<String> suspects = resolverDirs.stream().filter(d -> !was.contains(d)).filter(d -> !foreign(d, states)).toList();
        if (suspects.isEmpty()) {
            return suspects;
        }
        Set<String> now = new HashSet<>(new ResolverFiles(ResolverFiles.DEFAULT_DIR).all());
        return suspects.stream().filter(now::contains).filter(d -> !foreign(d, states)).toList();
    }

    /**
     * Namespaces that exist now but did not in {@code before}, except those of labs another live process is running
     * (other test runs share this machine). A lab's state file names its owner; it is written before the lab's first
     * namespace and removed after its last, so a namespace seen without one belongs to a lab that has just closed, and
     * is gone when the list is read again, unless it is a residue.
     */
    public List<String> namespacesLeftSince(MachineState before, StateStore states, CommandExecutor exec) {
        Set<String> was = new HashSet<>(before.namespaces);
        List<String> suspects = namespaces.stream().filter(ns -> !was.contains(ns)).filter(ns -> !foreign(ns, states)).toList();
        if (suspects.isEmpty()) {
            return suspects;
        }
        Set<String> now = new HashSet<>(IpQuery.namespaceNames(exec.run(IpQuery.netnsList()).stdout()));
        return suspects.stream().filter(now::contains).filter(ns -> !foreign(ns, states)).toList();
    }

    private static boolean foreign(String ns, StateStore states) {
        Matcher m = LAB_NAMESPACE.matcher(ns);
        if (!m.matches()) {
            return false;
        }
        Optional<LabState> owner = states.read(m.group(1));
        return owner.isPresent() && owner.get().pid() != ProcessHandle.current().pid()
                && ProcessHandle.of(owner.get().pid()).map(ProcessHandle::isAlive).orElse(false);
    }
}
