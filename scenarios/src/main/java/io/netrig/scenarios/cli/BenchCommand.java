package io.netrig.scenarios.cli;

import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Probe;
import io.netrig.model.check.ProbeResolver;
import io.netrig.model.lower.Lowering;
import io.netrig.model.spec.ProbeSpec;
import io.netrig.model.spec.ValidatedLab;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.Topology;
import io.netrig.scenarios.run.BackendSelection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A measured run of a generated lab: containers spread over swarm nodes on one attachable overlay, all-pairs ping
 * through {@code probeAll}, on each backend asked for, in one run, with the time of each phase and, for two backends,
 * their ratio. The lab is the one docs/performance.md describes.
 */
@Command(name = "bench", description = "Time a generated overlay lab (all-pairs ping) on each backend and print the ratios.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--containers", defaultValue = "200", description = "containers (default 200)")
    int containers;

    @Option(names = "--hosts", defaultValue = "4", description = "swarm nodes they are spread over (default 4)")
    int hosts;

    @Option(names = "--backend", defaultValue = "sim", description = "sim (default), kernel, both, or a comma list")
    String backend;

    @Option(names = "--work-dir", defaultValue = "reports/netrig-bench", description = "where the labs put their files")
    Path workDir;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The phases of one backend's run, in nanoseconds. */
    private record Timing(long start, long probes, int reached, int total) {
    }

    @Override
    public Integer call() {
        if (containers < 2 || containers > 4000 || hosts < 1 || hosts > 250) {
            throw new SpecFiles.BadInputException("--containers must be 2-4000 and --hosts 1-250, got " + containers + " and " + hosts);
        }
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        ValidatedLab lab = YamlSpecLoader.parseValidated("bench.yaml", yaml());
        Topology topology = Lowering.lower(lab);
        long lowered = System.nanoTime() - t0;
        ProbeResolver resolver = new ProbeResolver(topology);
        List<String> names = new ArrayList<>(lab.spec().containers().keySet());
        List<Probe> probes = new ArrayList<>();
        for (String from : names) {
            for (String to : names) {
                if (!from.equals(to)) {
                    probes.add(resolver.resolve(new ProbeSpec.PingSpec(from, to, 1)));
                }
            }
        }
        out.printf(Locale.ROOT, "lab: %d containers on %d nodes, %d namespaces, %d links; %d pings; validated and lowered in %s%n",
                containers, hosts, topology.namespaces().size(), topology.links().size(), probes.size(), ms(lowered));
        out.flush();
        Map<String, Timing> timings = new LinkedHashMap<>();
        for (String name : BackendSelection.parse(backend).names()) {
            long s = System.nanoTime();
            try (Lab running = io.netrig.model.backend.Backends.byName(name).start(topology,
                    LabOptions.defaults().withWorkDir(workDir.resolve(name)))) {
                long started = System.nanoTime() - s;
                long p = System.nanoTime();
                List<Observation> observations = running.probeAll(probes);
                long probed = System.nanoTime() - p;
                int reached = (int) observations.stream().filter(o -> o.outcome().succeeded()).count();
                timings.put(name, new Timing(started, probed, reached, observations.size()));
                out.printf(Locale.ROOT, "%-7s start %s, probes %s (%.0f probes/s, %.3f ms each), %d of %d reached%n", name, ms(started),
                        ms(probed), probes.size() / (probed / 1e9), probed / 1e6 / probes.size(), reached, observations.size());
                observations.stream().filter(o -> !o.outcome().succeeded()).limit(5).forEach(o -> out.printf(Locale.ROOT,
                        "        not reached: %s: %s (%s)%n", o.probe().describe(), o.outcome(), o.reason()));
                out.flush();
            }
        }
        if (timings.size() == 2) {
            List<Timing> t = List.copyOf(timings.values());
            List<String> n = List.copyOf(timings.keySet());
            out.printf(Locale.ROOT, "ratio %s/%s: start %.1fx, probes %.1fx%n", n.get(1), n.get(0),
                    (double) t.get(1).start() / t.get(0).start(), (double) t.get(1).probes() / t.get(0).probes());
        }
        return timings.values().stream().allMatch(t -> t.reached() == t.total()) ? Netrig.OK : Netrig.FAILED;
    }

    private String yaml() {
        StringBuilder y = new StringBuilder("name: bench-overlay\nsegments: {underlay: {}}\nhosts:\n");
        for (int h = 1; h <= hosts; h++) {
            y.append("  node").append(h).append(": {interfaces: {eth0: {segment: underlay, address: 192.168.")
                    .append(100 + h / 250).append('.').append(h % 250 + 1).append("/16}}, swarm: ")
                    .append(h == 1 ? "manager" : "worker").append("}\n");
        }
        y.append("networks:\n  mesh: {driver: overlay, attachable: true, subnet: 10.128.0.0/16}\ncontainers:\n");
        for (int c = 0; c < containers; c++) {
            y.append(String.format(Locale.ROOT, "  c%04d: {host: node%d, networks: [mesh]}%n", c, c % hosts + 1));
        }
        return y.toString();
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
