package io.netrig.docker.internal;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.netrig.model.NetrigException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Removes everything one docker lab made, found by its label (containers, networks) and its name (namespaces, links of
 * the machine's namespace), never anything else: containers first (they hold the networks), then networks, then the
 * links its commands added, the Docker host's NICs and the LAN namespaces. Carries on past failures and reports them
 * together. Used by {@code close} and by the cleaner for labs of killed processes.
 */
public final class LabRemoval {
    private LabRemoval() {
    }

    /** Returns one line per removed object. */
    public static List<String> remove(DockerExecutor executor, LabNames names) {
        List<String> removed = new ArrayList<>();
        List<RuntimeException> failures = new ArrayList<>();
        for (Container c : executor.containersLabelled(LabNames.LAB_LABEL, Optional.of(names.id()))) {
            attempt(failures, () -> {
                executor.removeContainer(c.getId());
                removed.add("container " + String.join(",", c.getNames()).replace("/", ""));
            });
        }
        for (Network n : executor.networksLabelled(LabNames.LAB_LABEL, Optional.of(names.id()))) {
            attempt(failures, () -> {
                executor.removeNetwork(n.getId());
                removed.add("network " + n.getName());
            });
        }
        List<String> links = MachineState.rootLinks(executor).stream()
                .filter(l -> LabNames.labOf(names.prefix(), l).filter(names.id()::equals).isPresent())
                .sorted(Comparator.comparing((String l) -> l.charAt(names.id().length()) == 'c' ? 0 : 1)).toList();
        for (String link : links) {
            attempt(failures, () -> {
                // a veth's removal takes its peer along; a link already gone that way is not a failure
                if (MachineState.rootLinks(executor).contains(link)) {
                    executor.check(MachineCommand.deleteRootLink(link));
                    removed.add("link " + link);
                }
            });
        }
        for (String ns : MachineState.namespaces(executor)) {
            if (ns.startsWith(names.id() + "-")) {
                attempt(failures, () -> {
                    executor.check(MachineCommand.deleteNamespace(ns));
                    removed.add("namespace " + ns);
                });
            }
        }
        if (!failures.isEmpty()) {
            NetrigException e = new NetrigException("could not remove all of docker lab " + names.id() + " (removed: " + removed + ")", failures.getFirst());
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
        return removed;
    }

    private static void attempt(List<RuntimeException> failures, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }
}
