package io.netrig.kernel;

import java.util.List;

/** What {@link KernelCleaner} removed (or, for a dry run, would remove): namespaces and lab state files by lab id. */
public record CleanReport(List<String> namespaces, List<String> stateFiles) {
    public CleanReport {
        namespaces = List.copyOf(namespaces);
        stateFiles = List.copyOf(stateFiles);
    }

    public boolean isEmpty() {
        return namespaces.isEmpty() && stateFiles.isEmpty();
    }
}
