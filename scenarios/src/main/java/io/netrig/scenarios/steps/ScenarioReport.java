package io.netrig.scenarios.steps;

import io.cucumber.java.Scenario;
import io.netrig.model.render.TopologyDot;
import io.netrig.model.topology.Topology;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Cucumber report shows of a scenario besides its steps: a diagram of the lab's topology, and links to the
 * diagram and the scenario's pcap files. The diagram is written to the scenario's folder as {@code topology.dot} and,
 * when Graphviz's {@code dot} is installed, rendered to {@code topology.svg}, which is attached as an image (without
 * {@code dot} the DOT text is attached instead, and the run says so). Links are relative to the report folder
 * ({@code -Dnetrig.report}, where the HTML report is written), so the folder can be published or moved as a whole.
 * (Test code: it runs {@code dot} itself, as {@link MachineResidue} runs {@code ip}.)
 */
final class ScenarioReport {
    private static final Logger LOG = LoggerFactory.getLogger(ScenarioReport.class);
    private static final Optional<Path> DOT = onPath("dot");
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private ScenarioReport() {
    }

    /** The folder of the HTML, JSON and JUnit XML reports; the scenarios' own folders are linked relative to it. */
    static Path folder() {
        return Path.of(System.getProperty("netrig.report", "target/netrig-report"));
    }

    static void attach(Scenario scenario, Topology topology, Path scenarioDir, List<Path> keptFiles) {
        List<Path> links = new ArrayList<>();
        try {
            Files.createDirectories(scenarioDir);
            String dotText = TopologyDot.render(topology);
            Path dotFile = Files.writeString(scenarioDir.resolve("topology.dot"), dotText);
            if (DOT.isPresent()) {
                Path svg = render(DOT.get(), dotFile, scenarioDir.resolve("topology.svg"));
                scenario.attach(Files.readAllBytes(svg), "image/svg+xml", "topology diagram");
                links.add(svg);
            } else {
                Files.deleteIfExists(scenarioDir.resolve("topology.svg"));
                if (WARNED.compareAndSet(false, true)) {
                    LOG.warn("\n*****\n* Graphviz 'dot' is not on the PATH ({}): the reports show each lab's topology as DOT text, "
                            + "NOT as a diagram.\n* Install it (Debian: apt-get install graphviz) to get SVG diagrams.\n*****",
                            System.getenv("PATH"));
                }
                scenario.log("topology diagram NOT rendered: Graphviz 'dot' is not installed; its DOT text follows");
                scenario.attach(dotText, "text/vnd.graphviz", "topology diagram (DOT text)");
                links.add(dotFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the topology diagram of scenario '" + scenario.getName() + "' to " + scenarioDir, e);
        }
        links.addAll(keptFiles);
        StringBuilder uris = new StringBuilder();
        for (Path file : links) {
            uris.append(relativeUri(folder(), file)).append('\n');
        }
        scenario.attach(uris.toString(), "text/uri-list", "diagram and pcap files");
    }

    /** {@code sim/Web-pings-api/sim/web_eth0.pcap}: the file as a relative URI from the report folder. */
    static String relativeUri(Path from, Path file) {
        Path relative = from.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        try {
            return new URI(null, null, relative.toString().replace(File.separatorChar, '/'), null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot link to " + file + " from " + from, e);
        }
    }

    private static Path render(Path dot, Path dotFile, Path svg) {
        List<String> argv = List.of(dot.toString(), "-Tsvg", "-o", svg.toString(), dotFile.toString());
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", argv) + " did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", argv) + " exited with " + p.exitValue() + ": " + out);
            }
            return svg;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", argv), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", argv), e);
        }
    }

    static Optional<Path> onPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable).findFirst();
    }
}
