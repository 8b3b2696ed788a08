package io.netrig.kernel;

import java.util.List;

/**
 * What {@link KernelCleaner} removed (or, for a dry run, would remove): namespaces, lab state files by lab id, and
 * resolver folders ({@code /etc/netns/<namespace>}) by namespace name.
 */
public record CleanReport(List<String> namespaces, List<String> stateFiles, List<String> resolverDirs) {
    public CleanReport {
        namespaces = List.copyOf(namespaces);
        stateFiles = List.copyOf(stateFiles);
        resolverDirs = List.copyOf(resolverDirs);
    }

    /** A report without resolver folders. */
    public CleanReport(List<String> namespaces, List<String> stateFiles) {
        this(namespaces, stateFiles, List.of());
    }

    public boolean isEmpty() {
        return namespaces.isEmpty() && stateFiles.isEmpty() && resolverDirs.isEmpty();
    }
}
