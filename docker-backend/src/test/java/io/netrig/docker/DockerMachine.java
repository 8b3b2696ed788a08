package io.netrig.docker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netrig.docker.internal.DockerExecutor;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * What the docker tests need of the machine, and a snapshot of what a lab could leave on it: containers, networks and
 * images of the engine (netrig's own probe image aside), network namespaces and links of the machine's namespace.
 */
record DockerMachine(Set<String> containers, Set<String> networks, Set<String> images, Set<String> namespaces, Set<String> rootLinks) {
    /** Skips (never passes) the calling test when no engine is reachable or the run lacks root, saying why. */
    static void assumeReady() {
        Optional<String> engine = DockerExecutor.engineUnavailable();
        assumeTrue(engine.isEmpty(), () -> "SKIPPED: docker tests need a Docker Engine: " + engine.orElse(""));
        assumeTrue("root".equals(System.getProperty("user.name")), "SKIPPED: docker tests need root (LAN namespaces, the Docker host's NICs)");
    }

    /**
     * Namespaces and links are compared only among the docker labs' names of {@code prefix} (other engineers' kernel labs
     * come and go on a shared machine); containers, networks and images all of them.
     */
    static DockerMachine snapshot(String prefix) {
        java.util.function.Predicate<String> ours = n -> io.netrig.docker.internal.LabNames.labOf(prefix, n).isPresent();
        DockerMachine all = snapshot();
        return new DockerMachine(all.containers, all.networks, all.images, filter(all.namespaces, ours), filter(all.rootLinks, ours));
    }

    private static Set<String> filter(Set<String> names, java.util.function.Predicate<String> keep) {
        return names.stream().filter(keep).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }

    private static DockerMachine snapshot() {
        return new DockerMachine(lines("docker", "ps", "-a", "--format", "{{.Names}}"), lines("docker", "network", "ls", "--format", "{{.Name}}"),
                new TreeSet<>(lines("docker", "images", "--format", "{{.Repository}}:{{.Tag}}").stream()
                        .filter(i -> !i.startsWith("netrig/probe:")).toList()),
                firstWords(lines("ip", "netns", "list")), lines("ip", "-o", "link", "show").stream()
                        .map(l -> l.split(": ")[1].split("@")[0]).collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    }

    /** What {@code after} has that this snapshot had not, for an assertion message; empty when nothing was left. */
    String leftBy(DockerMachine after) {
        StringBuilder out = new StringBuilder();
        diff(out, "containers", containers, after.containers);
        diff(out, "networks", networks, after.networks);
        diff(out, "images", images, after.images);
        diff(out, "namespaces", namespaces, after.namespaces);
        diff(out, "links of the machine's namespace", rootLinks, after.rootLinks);
        return out.toString();
    }

    /** {@code ip netns list} prints "name (id: N)". */
    private static Set<String> firstWords(Set<String> lines) {
        return lines.stream().map(l -> l.split(" ")[0]).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }

    private static void diff(StringBuilder out, String what, Set<String> before, Set<String> after) {
        Set<String> extra = new TreeSet<>(after);
        extra.removeAll(before);
        if (!extra.isEmpty()) {
            out.append(what).append(": ").append(extra).append("; ");
        }
    }

    private static Set<String> lines(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
            }
            return new TreeSet<>(out.lines().filter(l -> !l.isBlank()).toList());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + List.of(argv), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
