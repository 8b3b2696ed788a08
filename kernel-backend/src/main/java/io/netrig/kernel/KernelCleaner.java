package io.netrig.kernel;

import io.netrig.kernel.exec.CommandExecutor;
import io.netrig.kernel.exec.IpBatch;
import io.netrig.kernel.exec.IpQuery;
import io.netrig.kernel.exec.ProcessExecutor;
import io.netrig.kernel.internal.LabState;
import io.netrig.kernel.internal.ResolverFiles;
import io.netrig.kernel.internal.StateStore;
import io.netrig.model.backend.LabOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what killed runs left behind ({@code netrig clean}): namespaces named {@code <prefix><4 hex>-*} whose lab
 * has no state file or whose owning process is gone, their resolver folders {@code /etc/netns/<namespace>}, and the
 * state files of such labs. Deletes by exact name only,
 * and never touches a lab whose owner is alive (another run on this machine may be using it).
 */
public final class KernelCleaner {
    private static final Logger LOG = LoggerFactory.getLogger(KernelCleaner.class);

    private final String prefix;
    private final CommandExecutor exec;
    private final StateStore states;
    private final ResolverFiles resolverFiles;
    private final LongPredicate alive;

    /** The cleaner the CLI uses: real processes, {@code /run/netrig}, liveness from the process table. */
    public KernelCleaner(String prefix) {
        this(prefix, new ProcessExecutor(), StateStore.DEFAULT_DIR, KernelCleaner::processAlive);
    }

    public KernelCleaner() {
        this(LabOptions.DEFAULT_PREFIX);
    }

    public KernelCleaner(String prefix, CommandExecutor exec, Path stateDir, LongPredicate alive) {
        this(prefix, exec, stateDir, ResolverFiles.DEFAULT_DIR, alive);
    }

    /** @param resolverDir where labs write their namespaces' hosts and resolv.conf ({@code /etc/netns}) */
    public KernelCleaner(String prefix, CommandExecutor exec, Path stateDir, Path resolverDir, LongPredicate alive) {
        new LabId(prefix, "0000");   // validates the prefix with the same rule labs use
        this.prefix = prefix;
        this.exec = exec;
        this.states = new StateStore(stateDir);
        this.resolverFiles = new ResolverFiles(resolverDir);
        this.alive = alive;
    }

    /** What {@link #clean()} would remove now, without removing anything. */
    public CleanReport plan() {
        List<String> namespaces = IpQuery.namespaceNames(exec.run(IpQuery.netnsList()).stdout());
        Map<String, LabState> known = new HashMap<>();
        for (String labId : states.labIds()) {
            states.read(labId).ifPresent(s -> known.put(labId, s));
        }
        CleanReport found = leftovers(prefix, namespaces, states.labIds(), known, alive);
        // a resolver folder is judged like a namespace of the same name: its lab is dead or has no state
        CleanReport dirs = leftovers(prefix, resolverFiles.all(), List.of(), known, alive);
        return new CleanReport(found.namespaces(), found.stateFiles(), dirs.namespaces());
    }

    /** Removes the leftovers and returns what was removed. */
    public CleanReport clean() {
        CleanReport found = plan();
        if (!found.namespaces().isEmpty()) {
            IpBatch delete = IpBatch.global();
            found.namespaces().forEach(delete::netnsDelete);
            exec.run(delete.toCommand());
        }
        // after the namespaces: the folder of a namespace that still existed must outlive it
        found.resolverDirs().forEach(resolverFiles::remove);
        found.stateFiles().forEach(states::delete);
        if (!found.isEmpty()) {
            LOG.info("removed leftovers of dead labs: namespaces {}, resolver folders {}, state files {}", found.namespaces(),
                    found.resolverDirs(), found.stateFiles());
        }
        return found;
    }

    /**
     * The pure decision: of {@code namespaces} (all of the machine), those of labs with this prefix that have no state
     * or a dead owner; of {@code stateFiles} (lab ids), those of this prefix whose owner is dead or unreadable.
     */
    static CleanReport leftovers(String prefix, List<String> namespaces, List<String> stateFiles, Map<String, LabState> states,
                                 LongPredicate alive) {
        List<String> deadNamespaces = new ArrayList<>();
        for (String ns : namespaces) {
            Optional<LabId> lab = LabId.ofNamespace(prefix, ns);
            if (lab.isPresent() && !ownerAlive(Optional.ofNullable(states.get(lab.get().toString())), alive)) {
                deadNamespaces.add(ns);
            }
        }
        Pattern ownIds = Pattern.compile(Pattern.quote(prefix) + "[0-9a-f]{4}");
        List<String> deadStates = stateFiles.stream().filter(id -> ownIds.matcher(id).matches())
                .filter(id -> !ownerAlive(Optional.ofNullable(states.get(id)), alive)).sorted().toList();
        return new CleanReport(deadNamespaces.stream().sorted().toList(), deadStates);
    }

    private static boolean ownerAlive(Optional<LabState> state, LongPredicate alive) {
        return state.isPresent() && alive.test(state.get().pid());
    }

    static boolean processAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
