package io.netrig.scenarios.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The fuzzer's knobs, from system properties (Surefire passes {@code -D} ones through). */
final class FuzzSettings {
    private FuzzSettings() {
    }

    /** {@code netrig.fuzz.labs}: how many seeded labs a run tries (default 200; the build passes its own, see scenarios/pom.xml). */
    static int labs() {
        return Integer.getInteger("netrig.fuzz.labs", 200);
    }

    /** {@code netrig.fuzz.seed}: the first seed; lab i has seed {@code seed + i} (default 1). */
    static long seed() {
        return Long.getLong("netrig.fuzz.seed", 1L);
    }

    /** {@code netrig.fuzz.parallel}: labs running at once (default 8). */
    static int parallel() {
        return Math.max(1, Integer.getInteger("netrig.fuzz.parallel", 8));
    }

    /** {@code netrig.fuzz.minimise-seconds}: time to shrink one disagreeing lab (default 90). */
    static Duration minimiseBudget() {
        return Duration.ofSeconds(Long.getLong("netrig.fuzz.minimise-seconds", 90L));
    }

    /** {@code netrig.fuzz.minimise-max}: kinds of disagreement minimised per run (default 4; the others are reported as found). */
    static int minimiseMax() {
        return Integer.getInteger("netrig.fuzz.minimise-max", 4);
    }

    /**
     * {@code netrig.fuzz.strict}: also fail on disagreements that do not come back when their probes run again alone
     * (default false: they are reported, not failed on).
     */
    static boolean strict() {
        return Boolean.getBoolean("netrig.fuzz.strict");
    }

    static Path reportDir() {
        return Path.of(System.getProperty("netrig.reports", "target/netrig-reports")).resolve("fuzz");
    }

    static Path workDir() {
        return Path.of(System.getProperty("netrig.reports", "target/netrig-reports")).resolve("fuzz-work");
    }

    /** Why the kernel backend cannot run here, or empty when it can (root and iproute2's ip). */
    static String kernelUnavailable() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (!Integer.valueOf(0).equals(uid)) {
                return "the kernel backend needs root (running as uid " + uid + ")";
            }
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return "cannot tell this process's uid: " + e;
        }
        if (Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")) || Files.isExecutable(Path.of("/usr/bin/ip"))) {
            return "";
        }
        return "iproute2's ip command is not installed";
    }
}
