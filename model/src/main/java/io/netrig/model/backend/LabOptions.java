package io.netrig.model.backend;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run a lab: the random seed (simulator), the folder for captures and other artefacts, and the name
 * prefix backends give every kernel object (so cleanup removes exactly what the lab made).
 */
public record LabOptions(long seed, Path workDir, String prefix) {
    public static final String DEFAULT_PREFIX = "nr";

    public LabOptions {
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.matches("[a-z][a-z0-9]{1,7}")) {
            throw new IllegalArgumentException("lab prefix '" + prefix + "' must be 2-8 lower-case letters or digits, starting with a letter");
        }
    }

    public static LabOptions defaults() {
        return new LabOptions(1, Path.of("target", "netrig-work"), DEFAULT_PREFIX);
    }

    public LabOptions withSeed(long value) {
        return new LabOptions(value, workDir, prefix);
    }

    public LabOptions withWorkDir(Path value) {
        return new LabOptions(seed, value, prefix);
    }

    public LabOptions withPrefix(String value) {
        return new LabOptions(seed, workDir, value);
    }
}
