package io.netrig.model.backend;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a lab: the random seed (simulator), the folder for captures and other artefacts, the name
 * prefix backends give every kernel object (so cleanup removes exactly what the lab made), and optionally a host map
 * file saying which machine runs each spec host (the kernel backend then builds each host's part on its machine over
 * SSH; other backends ignore it).
 */
public record LabOptions(long seed, Path workDir, String prefix, Optional<Path> hostMap) {
    public static final String DEFAULT_PREFIX = "nr";

    public LabOptions {
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(hostMap, "hostMap");
        if (!prefix.matches("[a-z][a-z0-9]{1,7}")) {
            throw new IllegalArgumentException("lab prefix '" + prefix + "' must be 2-8 lower-case letters or digits, starting with a letter");
        }
    }

    /** Options without a host map: every host runs on this machine. */
    public LabOptions(long seed, Path workDir, String prefix) {
        this(seed, workDir, prefix, Optional.empty());
    }

    public static LabOptions defaults() {
        return new LabOptions(1, Path.of("target", "netrig-work"), DEFAULT_PREFIX);
    }

    public LabOptions withSeed(long value) {
        return new LabOptions(value, workDir, prefix, hostMap);
    }

    public LabOptions withWorkDir(Path value) {
        return new LabOptions(seed, value, prefix, hostMap);
    }

    public LabOptions withPrefix(String value) {
        return new LabOptions(seed, workDir, value, hostMap);
    }

    public LabOptions withHostMap(Path file) {
        return new LabOptions(seed, workDir, prefix, Optional.of(file));
    }
}
