package io.netrig.scenarios.steps;

import static org.junit.jupiter.api.Assertions.fail;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.netrig.model.NetrigException;
import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.lower.DockerNames;
import io.netrig.model.pcap.Frame;
import io.netrig.model.pcap.PacketPattern;
import io.netrig.model.pcap.PcapFile;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Capture steps: start a capture on an interface of a host, a container or an underlay segment (on every backend of
 * the run), then assert what it saw with a {@link PacketPattern}. A capture stops when it is first asserted on, or at
 * the end of the scenario; its pcap file is kept in the scenario's report folder as {@code <backend>/<name>_<iface>.pcap}.
 */
public final class CaptureSteps {
    private static final String SEGMENT = "segment ";
    /** How many frames a failure message lists before it says how many more there were. */
    private static final int SHOWN = 40;

    /** One capture, running on every backend of the run, and the files it became once stopped. */
    private static final class Running {
        final String label;
        final String fileName;
        final Map<String, Capture> captures;
        final Map<String, Path> files = new LinkedHashMap<>();

        Running(String label, String fileName, Map<String, Capture> captures) {
            this.label = label;
            this.fileName = fileName;
            this.captures = captures;
        }
    }

    private final Map<String, Running> captures = new LinkedHashMap<>();
    private final Set<String> fileNames = new HashSet<>();
    private ScenarioLab state;

    private ScenarioLab state() {
        if (state == null) {
            state = ScenarioLab.current();
            state.beforeClose(this::stopAll);
        }
        return state;
    }

    @When("capturing on {word} of {word}")
    public void captureOn(String iface, String name) {
        Topology topology = state().topology();
        String ns = topology.namespaceOf(name).orElseThrow(() -> new AssertionError("cannot capture on " + iface + " of '" + name
                + "': it is not a host or container of the lab (a segment is written 'segment NAME')"));
        start(iface, name, ns);
    }

    @When("capturing on {word} of segment {word}")
    public void captureOnSegment(String iface, String segment) {
        String ns = DockerNames.segmentNamespace(segment);
        if (state().topology().namespace(ns).isEmpty()) {
            fail("cannot capture on " + iface + " of segment '" + segment + "': the lab has no such segment");
        }
        start(iface, SEGMENT + segment, ns);
    }

    private void start(String iface, String who, String ns) {
        Topology topology = state().topology();
        LinkRef where = LinkRef.end(ns, iface);
        // lo is in every namespace without being a link of the topology
        if (!iface.equals("lo") && topology.iface(where).isEmpty()) {
            fail("cannot capture on " + iface + " of " + who + ": it has no such interface (it has lo, "
                    + topology.linkNamesIn(ns) + ")");
        }
        String key = key(iface, who);
        Running previous = captures.get(key);
        if (previous != null) {
            stop(previous);
        }
        Map<String, Capture> started = new LinkedHashMap<>();
        state.running().labs().forEach((backend, lab) -> started.put(backend, lab.capture(where, CaptureFilter.ALL)));
        captures.put(key, new Running(iface + " of " + who, fileName(who, iface), started));
    }

    /** {@code web_eth0.pcap}, {@code segment-lan_br0.pcap}; a second capture on the same interface gets {@code -2}. */
    private String fileName(String who, String iface) {
        String base = (who.replace(' ', '-') + "_" + iface).replaceAll("[^A-Za-z0-9_.-]+", "-");
        String name = base + ".pcap";
        for (int n = 2; !fileNames.add(name); n++) {
            name = base + "-" + n + ".pcap";
        }
        return name;
    }

    private static String key(String iface, String who) {
        return iface + " of " + who;
    }

    @Then("^the capture on (\\S+) of (segment \\S+|\\S+) saw (.+)$")
    public void saw(String iface, String who, String description) {
        check(iface, who, description, true);
    }

    @Then("^the capture on (\\S+) of (segment \\S+|\\S+) did not see (.+)$")
    public void didNotSee(String iface, String who, String description) {
        check(iface, who, description, false);
    }

    private void check(String iface, String who, String description, boolean expectSeen) {
        Running running = captures.get(key(iface, who));
        if (running == null) {
            fail("there is no capture on " + iface + " of " + who + ": start one with 'When capturing on " + iface + " of "
                    + who + "' before the traffic (captures running: " + captures.keySet() + ")");
        }
        ScenarioLab s = state();
        PacketPattern pattern = PacketPattern.parse(description, s::addressesOf);
        stop(running);
        List<String> failures = new ArrayList<>();
        StringBuilder log = new StringBuilder();
        running.files.forEach((backend, file) -> {
            List<Frame> frames = PcapFile.read(file).frames();
            long matching = pattern.count(frames);
            log.append(backend).append(": ").append(matching).append(" of ").append(frames.size()).append(" frames on ")
                    .append(running.label).append(" match '").append(pattern).append("' (").append(file).append(")\n");
            if (expectSeen && matching == 0) {
                failures.add(backend + ": expected the capture on " + running.label + " to see " + pattern
                        + ", but none of its " + frames.size() + " frames did" + contents(frames, file));
            } else if (!expectSeen && matching > 0) {
                failures.add(backend + ": expected the capture on " + running.label + " not to see " + pattern
                        + ", but " + matching + " of its " + frames.size() + " frames did" + contents(frames.stream().filter(pattern::matches).toList(), file));
            }
        });
        s.scenario().log(log.toString());
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    private static String contents(List<Frame> frames, Path file) {
        StringBuilder sb = new StringBuilder(":\n");
        frames.stream().limit(SHOWN).forEach(f -> sb.append("    ").append(f.summary()).append('\n'));
        if (frames.size() > SHOWN) {
            sb.append("    … and ").append(frames.size() - SHOWN).append(" more\n");
        }
        return sb.append("  (").append(file).append(")").toString();
    }

    /** Stops the capture on every backend (once) and keeps its files under the name a person would look for. */
    private void stop(Running running) {
        NetrigException failure = null;
        for (Map.Entry<String, Capture> e : running.captures.entrySet()) {
            if (running.files.containsKey(e.getKey())) {
                continue;
            }
            try {
                Path written = e.getValue().stop();
                Path kept = state.workDir().resolve(e.getKey()).resolve(running.fileName);
                Files.createDirectories(kept.getParent());
                Files.move(written, kept, StandardCopyOption.REPLACE_EXISTING);
                running.files.put(e.getKey(), kept);
                state.keep(kept);
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot keep the capture on " + running.label + " of " + e.getKey(), ex);
            } catch (NetrigException ex) {
                if (failure == null) {
                    failure = ex;
                } else {
                    failure.addSuppressed(ex);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void stopAll() {
        captures.values().forEach(this::stop);
    }
}
