package io.netrig.docker.internal;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Removes what docker labs of killed processes left ({@code netrig clean}): a lab is alive while the process named by
 * the {@value LabNames#PID_LABEL} label of its containers or networks runs; the objects, namespaces and links of every
 * other lab of the prefix are removed with {@link LabRemoval}.
 */
public final class LeftoverCleaner {
    private LeftoverCleaner() {
    }

    public static List<String> removeDeadLabs(DockerExecutor executor, String prefix) {
        Set<String> alive = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (Container c : executor.containersLabelled(LabNames.PREFIX_LABEL, Optional.of(prefix))) {
            note(c.getLabels(), alive, seen);
        }
        for (Network n : executor.networksLabelled(LabNames.PREFIX_LABEL, Optional.of(prefix))) {
            note(n.getLabels(), alive, seen);
        }
        MachineState.rootLinks(executor).forEach(l -> LabNames.labOf(prefix, l).ifPresent(seen::add));
        MachineState.namespaces(executor).forEach(ns -> LabNames.labOf(prefix, ns).ifPresent(seen::add));
        List<String> removed = new ArrayList<>();
        for (String id : seen) {
            if (!alive.contains(id)) {
                LabRemoval.remove(executor, new LabNames(prefix, id)).forEach(line -> removed.add("docker lab " + id + ": " + line));
            }
        }
        return removed;
    }

    private static void note(Map<String, String> labels, Set<String> alive, Set<String> seen) {
        String id = labels.get(LabNames.LAB_LABEL);
        if (id == null) {
            return;
        }
        seen.add(id);
        boolean running = Optional.ofNullable(labels.get(LabNames.PID_LABEL)).flatMap(pid -> {
            try {
                return ProcessHandle.of(Long.parseLong(pid));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }).map(ProcessHandle::isAlive).orElse(false);
        if (running) {
            alive.add(id);
        }
    }
}
