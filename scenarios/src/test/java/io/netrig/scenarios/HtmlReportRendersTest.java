package io.netrig.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Opens the Cucumber HTML reports of the feature runs ({@code cucumber-sim.html}, {@code cucumber-differential.html} in
 * {@code -Dnetrig.report}) in headless Chromium, as a person would: the screenshot must show a page (not a blank one),
 * and the rendered page must name every scenario of the run's JUnit XML report, show the topology diagrams and link to
 * files that exist. Surefire runs it after the feature runs (execution {@code report-check}); without Chromium it is
 * skipped with the reason.
 */
class HtmlReportRendersTest {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 2000;
    private static final Pattern HREF = Pattern.compile("<a href=\"([^\"#][^\"]*)\"");
    private static final Pattern SVG_IMAGE = Pattern.compile("<img[^>]*src=\"data:image/svg\\+xml");

    @TempDir
    Path profile;

    /** A scenario of the run, from its JUnit XML report: whether it passed, and whether it has a capture step. */
    private record Scenario(String name, boolean passed, boolean captures) {
    }

    @ParameterizedTest(name = "cucumber-{0}.html")
    @ValueSource(strings = {"sim", "differential"})
    void rendersEveryScenarioWithItsDiagramAndLinks(String run) throws Exception {
        Optional<Path> chromium = onPath("chromium");
        assumeTrue(chromium.isPresent(), "Chromium is not installed (Debian: apt-get install --no-install-recommends chromium), "
                + "so the HTML report was not opened; .ci/run installs it");
        Path folder = Path.of(System.getProperty("netrig.report", "target/netrig-report")).toAbsolutePath().normalize();
        Path html = folder.resolve("cucumber-" + run + ".html");
        Path junit = folder.resolve("cucumber-" + run + ".xml");
        assertTrue(Files.isRegularFile(html) && Files.isRegularFile(junit), "expected the " + run + " run of the features to have "
                + "written " + html + " and " + junit + " (Surefire runs this check after them; alone, run RunFeaturesTest first)");

        Path page = folder.resolve("render-check-" + run + ".html");
        try (InputStream in = HtmlReportRendersTest.class.getResourceAsStream("render-check.html")) {
            Files.writeString(page, new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@REPORT@", html.getFileName().toString()));
        }

        Path screenshot = folder.resolve("cucumber-" + run + ".png");
        Files.deleteIfExists(screenshot);
        chromium(chromium.get(), "--screenshot=" + screenshot, "--window-size=" + WIDTH + "," + HEIGHT, page.toUri().toString());
        assertTrue(Files.isRegularFile(screenshot), "Chromium wrote no screenshot of " + html + " to " + screenshot);
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertEquals(WIDTH + "x" + HEIGHT, image.getWidth() + "x" + image.getHeight(), "size of the screenshot " + screenshot);
        int colours = distinctColours(image);
        assertTrue(colours > 1, "the screenshot " + screenshot + " of " + html + " is blank (one colour)");

        String dom = chromium(chromium.get(), "--dump-dom", page.toUri().toString());
        assertTrue(dom.contains("data-netrig-rendered"), "the report " + html + " did not finish rendering in Chromium within "
                + "the time budget (the check page never put the rendered report in its place)");
        List<Scenario> scenarios = scenarios(junit);
        List<String> missing = scenarios.stream().map(Scenario::name).filter(n -> !dom.contains(escape(n))).toList();
        assertTrue(missing.isEmpty(), "the rendered report " + html + " does not show these scenarios of " + junit + ": " + missing);

        List<String> links = new ArrayList<>();
        Matcher m = HREF.matcher(dom);
        while (m.find()) {
            links.add(m.group(1).replace("&amp;", "&"));
        }
        List<String> relative = links.stream().filter(l -> !URI.create(l).isAbsolute()).toList();
        List<String> broken = relative.stream().filter(l -> !Files.isRegularFile(folder.resolve(URI.create(l).getPath()))).toList();
        assertTrue(broken.isEmpty(), "the report " + html + " links to files that are not in " + folder + ": " + broken);
        if (scenarios.stream().anyMatch(Scenario::passed)) {
            long diagrams = SVG_IMAGE.matcher(dom).results().count();
            boolean dotText = relative.stream().anyMatch(l -> l.endsWith("/topology.dot"));
            assertTrue(diagrams > 0 || dotText, "the report " + html + " shows no topology diagram (no SVG image, no DOT text link)");
            if (onPath("dot").isPresent()) {
                assertTrue(diagrams > 0, "Graphviz dot is installed, but the report " + html + " shows no SVG topology diagram");
            }
        }
        if (scenarios.stream().anyMatch(sc -> sc.passed() && sc.captures())) {
            assertTrue(relative.stream().anyMatch(l -> l.endsWith(".pcap")), "the report " + html
                    + " links to no pcap file, though scenarios with captures passed");
        }
    }

    /** Runs Chromium headless on a local page and returns what it printed; fails with its stderr when it fails. */
    private String chromium(Path chromium, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--allow-file-access-from-files", "--user-data-dir=" + profile.resolve("profile"),
                "--virtual-time-budget=30000"));
        argv.addAll(List.of(args));
        Path stderr = profile.resolve("chromium.err");
        Process p = new ProcessBuilder(argv).redirectError(stderr.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", argv) + " did not finish within 120 s");
        }
        if (p.exitValue() != 0) {
            fail(String.join(" ", argv) + " exited with " + p.exitValue() + ":\n" + Files.readString(stderr));
        }
        return out;
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    private static List<Scenario> scenarios(Path junit) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList cases = factory.newDocumentBuilder().parse(junit.toFile()).getElementsByTagName("testcase");
        List<Scenario> out = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            boolean passed = Stream.of("skipped", "failure", "error").allMatch(t -> c.getElementsByTagName(t).getLength() == 0);
            // the step lines Cucumber's JUnit report lists per scenario, e.g. "When capturing on eth0 of web....passed"
            out.add(new Scenario(c.getAttribute("name"), passed, c.getTextContent().contains("capturing on ")));
        }
        return out;
    }

    /** How a browser serialises text: the scenario name as it appears in the dumped DOM. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\u00a0", "&nbsp;");
    }

    private static Optional<Path> onPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        return Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isEmpty()).map(d -> Path.of(d, program))
                .filter(Files::isExecutable).findFirst();
    }
}
