package io.netrig.scenarios.steps;

import io.cucumber.java.AfterAll;
import io.cucumber.java.BeforeAll;
import io.netrig.model.backend.LabOptions;
import io.netrig.scenarios.run.BackendSelection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * LAB-SAFETY 4 for the whole catalogue: when a run uses the kernel, the machine's namespaces, the links of its own
 * namespace and its own iptables rules must be the same after every scenario has run as before the first.
 * (Test code reads the machine directly; product code starts processes only in the kernel backend's exec package.)
 */
public final class MachineResidue {
    private static List<String> before;

    private MachineResidue() {
    }

    @BeforeAll
    public static void snapshot() {
        if (BackendSelection.fromSystemProperty().names().contains("kernel") && KernelAccess.available()) {
            before = state();
        }
    }

    @AfterAll
    public static void compare() {
        if (before == null) {
            return;
        }
        List<String> after = state();
        if (!after.equals(before)) {
            throw new AssertionError("the scenarios left kernel objects behind on this machine.\nbefore: " + before + "\nafter:  " + after);
        }
    }

    private static List<String> state() {
        // only the catalogue's namespaces (LabOptions.DEFAULT_PREFIX): other runs on this machine (the fuzzer's
        // labs, another build) come and go meanwhile under their own prefixes, which are theirs to clean up
        return List.of("netns: " + run("ip", "netns", "list").lines().filter(l -> l.startsWith(LabOptions.DEFAULT_PREFIX))
                .toList(), "root links: " + run("ip", "-o", "link", "show").lines()
                .map(l -> l.split(":", 3)[1].trim()).sorted().toList(), "root iptables: " + run("iptables-save").lines()
                .filter(l -> !l.startsWith("#")).toList());
    }

    /** Runs a read-only command of the machine's own (e.g. {@code ip netns list}) and returns its output; fails on error. */
    public static String run(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", argv) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", argv), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", argv), e);
        }
    }
}
