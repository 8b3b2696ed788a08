package io.netrig.scenarios.fuzz;

import io.netrig.scenarios.steps.MachineResidue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * LAB-SAFETY 4 for the fuzzer: the fuzz labs' namespaces ({@code fz<4 hex>-…}; other runs on this machine may have
 * their own meanwhile) and the machine's own links and iptables rules, read before the first lab and after the last.
 * (Test code reads the machine directly; product code starts processes only in the kernel backend's exec package.)
 */
record MachineSnapshot(List<String> fuzzNamespaces, List<String> fuzzResolverDirs, List<String> rootLinks, List<String> rootIptables) {
    static MachineSnapshot now() {
        List<String> ns = run("ip", "netns", "list").lines().map(l -> l.split(" ", 2)[0]).filter(MachineSnapshot::fuzzName).sorted().toList();
        List<String> resolver;
        try (var files = Files.list(Path.of("/etc/netns"))) {
            resolver = files.map(p -> p.getFileName().toString()).filter(MachineSnapshot::fuzzName).sorted().toList();
        } catch (java.nio.file.NoSuchFileException none) {
            resolver = List.of();
        } catch (IOException e) {
            throw new AssertionError("cannot list /etc/netns", e);
        }
        List<String> links = run("ip", "-o", "link", "show").lines().map(l -> l.split(":", 3)[1].trim()).sorted().toList();
        List<String> rules = run("iptables-save").lines().filter(l -> !l.startsWith("#")).map(l -> l.replaceAll("\\[\\d+:\\d+\\]", ""))
                .toList();
        return new MachineSnapshot(ns, resolver, links, rules);
    }

    static boolean fuzzName(String name) {
        return name.matches(DifferentialRun.PREFIX + "[0-9a-f]{4}-.+");
    }

    /** What differs from {@code before}, for people; empty when nothing does. */
    String residueSince(MachineSnapshot before) {
        StringBuilder out = new StringBuilder();
        if (!fuzzNamespaces.isEmpty()) {
            out.append("fuzz namespaces left: ").append(fuzzNamespaces).append('\n');
        }
        if (!fuzzResolverDirs.isEmpty()) {
            out.append("fuzz resolver folders left in /etc/netns: ").append(fuzzResolverDirs).append('\n');
        }
        if (!rootLinks.equals(before.rootLinks)) {
            out.append("the machine's own links changed: before ").append(before.rootLinks).append(", after ").append(rootLinks).append('\n');
        }
        if (!rootIptables.equals(before.rootIptables)) {
            out.append("the machine's own iptables rules changed: before ").append(before.rootIptables).append(", after ")
                    .append(rootIptables).append('\n');
        }
        return out.toString();
    }

    private static String run(String... argv) {
        return MachineResidue.run(argv);
    }
}
