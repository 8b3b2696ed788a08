package io.netrig.kernel.host;

import io.netrig.kernel.internal.CountedRunner;
import io.netrig.kernel.internal.CounterSnapshot;
import io.netrig.kernel.internal.ProbeBatch;
import io.netrig.model.NetrigException;
import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.RuleRef;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lab spread over the machines of a host map ({@link TopologySplit}): each machine runs its part
 * ({@link MachineLab}), probes go to the machine of the namespace they are sent from, captures to the machine of the
 * interface, and drops are attributed from the counters of every machine, read before and after each probe, so the
 * observations are those a single machine gives for the same spec. Closing closes every part, also when one fails.
 */
public final class MultiHostLab implements Lab {
    private static final Logger LOG = LoggerFactory.getLogger(MultiHostLab.class);
    private static final int PROBE_PARALLELISM = 16;

    private final HostMap map;
    private final LabOptions options;
    private final Map<String, HostExecutor> hosts;
    private final Map<String, MachineLab> parts;
    private final ReentrantLock probeLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger captureSeq = new AtomicInteger();
    private final List<Capture> captures = new ArrayList<>();
    private volatile Topology topology;
    private volatile TopologySplit.Split split;

    private MultiHostLab(Topology topology, TopologySplit.Split split, HostMap map, LabOptions options, Map<String, HostExecutor> hosts,
                         Map<String, MachineLab> parts) {
        this.topology = topology;
        this.split = split;
        this.map = map;
        this.options = options;
        this.hosts = hosts;
        this.parts = parts;
    }

    /**
     * Splits the topology, connects to each machine it needs and starts every part side by side; if any part fails,
     * the others are closed and the connections ended before this throws.
     *
     * @param connect opens the executor of a machine ({@link SshHost#connect} for real machines)
     */
    public static MultiHostLab start(Topology topology, LabOptions options, HostMap map, Function<Machine, HostExecutor> connect) {
        long t0 = System.nanoTime();
        TopologySplit.Split split = TopologySplit.of(topology, map);
        Map<String, HostExecutor> hosts = new LinkedHashMap<>();
        Map<String, MachineLab> parts = new LinkedHashMap<>();
        NetrigException failure = null;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<MachinePart, Future<MachineLab>> starting = new LinkedHashMap<>();
            for (MachinePart part : split.parts()) {
                starting.put(part, pool.submit(() -> {
                    HostExecutor host = connect.apply(part.machine());
                    synchronized (hosts) {
                        hosts.put(part.machine().name(), host);
                    }
                    String workDir = host instanceof SshHost ssh ? ssh.workDir() : options.workDir().toAbsolutePath().toString();
                    return host.start(part.topology(), map.prefixOf(part.machine(), options.prefix()), workDir);
                }));
            }
            for (Map.Entry<MachinePart, Future<MachineLab>> e : starting.entrySet()) {
                try {
                    parts.put(e.getKey().machine().name(), e.getValue().get());
                } catch (ExecutionException ex) {
                    NetrigException one = new NetrigException("machine '" + e.getKey().machine().name() + "' (hosts "
                            + String.join(", ", e.getKey().hosts()) + "): " + ex.getCause().getMessage(), ex.getCause());
                    if (failure == null) {
                        failure = new NetrigException("could not start lab '" + topology.name() + "' on the machines of " + map.file()
                                + "; every part was removed. " + one.getMessage(), one);
                    } else {
                        failure.addSuppressed(one);
                    }
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    failure = new NetrigException("interrupted while starting lab '" + topology.name() + "'", ex);
                }
            }
        }
        MultiHostLab lab = new MultiHostLab(topology, split, map, options, hosts, parts);
        if (failure != null) {
            try {
                lab.close();
            } catch (RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        LOG.info("lab '{}' started on {} machines in {} ms: {}", topology.name(), parts.size(), (System.nanoTime() - t0) / 1_000_000,
                split.parts().stream().map(p -> p.machine().name() + " " + p.hosts() + " as " + parts.get(p.machine().name()).labId())
                        .collect(Collectors.joining(", ")));
        return lab;
    }

    /** Each machine's part, by machine name. */
    public Map<String, MachineLab> parts() {
        return Map.copyOf(parts);
    }

    public TopologySplit.Split split() {
        return split;
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public Observation probe(Probe probe) {
        requireOpen();
        probeLock.lock();
        try {
            // a lookup sends no packet a rule could be blamed for: no counters to read
            return runner().attributed(probe);
        } finally {
            probeLock.unlock();
        }
    }

    @Override
    public List<Observation> probeAll(List<Probe> probes) {
        requireOpen();
        probeLock.lock();
        try {
            return ProbeBatch.run(probes, PROBE_PARALLELISM, runner());
        } finally {
            probeLock.unlock();
        }
    }

    private Observation run(Probe probe, Supplier<Optional<RuleRef>> dropRule) {
        return Attribution.amend(partOf(probe.from(), "probe " + probe.describe()).probeUnattributed(probe), dropRule);
    }

    /** Runs probes here, naming drops from the rule counters; the caller holds {@code probeLock}. */
    private CountedRunner runner() {
        return new CountedRunner(topology, this::run, this::counters);
    }

    /** The counters of every machine, read side by side, by topology namespace. */
    private Map<String, CounterSnapshot> counters() {
        Map<String, CounterSnapshot> out = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Map<String, String>>> reads = parts.values().stream().map(p -> pool.submit(p::counterTexts)).toList();
            for (Future<Map<String, String>> f : reads) {
                f.get().forEach((ns, text) -> out.put(ns, CounterSnapshot.parse(text)));
            }
        } catch (ExecutionException e) {
            throw new NetrigException("could not read rule counters: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetrigException("interrupted while reading rule counters", e);
        }
        return out;
    }

    private MachineLab partOf(String namespace, String what) {
        String ns = topology.namespaceOf(namespace).orElse(namespace);
        return split.partOf(ns).map(p -> parts.get(p.machine().name())).orElseThrow(() -> new NetrigException("cannot run " + what
                + ": lab '" + topology.name() + "' has no namespace '" + namespace + "' on any machine (it has: "
                + String.join(", ", split.owners().keySet()) + ")"));
    }

    /**
     * Captures on the machine of the interface; a port of an underlay segment's switch (which no machine has: the real
     * network is the segment) is captured on the host interface at its other end, which sees the same frames of that
     * host. {@link Capture#stop()} copies the pcap file into the lab's work folder.
     */
    @Override
    public Capture capture(LinkRef where, CaptureFilter filter) {
        requireOpen();
        LinkRef at = split.segmentPorts().getOrDefault(where, where);
        MachineLab part = partOf(at.namespace(), "a capture on " + where);
        int id = part.startCapture(at, filter);
        Path dir = options.workDir().toAbsolutePath();
        Path file = dir.resolve(part.labId() + "-" + at.namespace() + "-" + at.name() + "-" + captureSeq.incrementAndGet() + ".pcap");
        Capture c = new RemoteCapture(where, part, id, file);
        synchronized (captures) {
            captures.add(c);
        }
        return c;
    }

    /** A capture on a machine of the lab; stopping it brings the pcap file here. */
    private static final class RemoteCapture implements Capture {
        private final LinkRef where;
        private final MachineLab part;
        private final int id;
        private final Path file;
        private boolean stopped;

        RemoteCapture(LinkRef where, MachineLab part, int id, Path file) {
            this.where = where;
            this.part = part;
            this.id = id;
            this.file = file;
        }

        @Override
        public LinkRef where() {
            return where;
        }

        @Override
        public synchronized Path stop() {
            if (!stopped) {
                stopped = true;
                try {
                    Files.createDirectories(file.getParent());
                } catch (IOException e) {
                    throw new NetrigException("cannot create the capture folder " + file.getParent() + ": " + e.getMessage(), e);
                }
                part.stopCapture(id, file);
            }
            return file;
        }
    }

    /**
     * Splits {@code next} over the same machines and updates each part; a change that would move a host to another
     * machine, or need a machine the lab does not run on, is refused before anything changes.
     */
    @Override
    public void update(Topology next) {
        requireOpen();
        TopologySplit.Split nextSplit = TopologySplit.of(next, map);
        List<String> machines = nextSplit.parts().stream().map(p -> p.machine().name()).toList();
        if (!machines.equals(List.copyOf(parts.keySet()))) {
            throw new NetrigException("lab '" + topology.name() + "' runs on machines " + parts.keySet() + " and cannot be updated to"
                    + " one on " + machines + ": an update keeps the lab's hosts on their machines");
        }
        probeLock.lock();
        try {
            for (MachinePart p : nextSplit.parts()) {
                parts.get(p.machine().name()).update(p.topology());
            }
            topology = next;
            split = nextSplit;
        } finally {
            probeLock.unlock();
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        NetrigException failure = new NetrigException("lab '" + topology.name() + "' did not close cleanly on every machine");
        List<Capture> running;
        synchronized (captures) {
            running = List.copyOf(captures);
        }
        for (Capture c : running) {
            attempt(failure, c::stop);
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> closing = new ArrayList<>();
            parts.forEach((name, part) -> closing.add(pool.submit(part::close)));
            for (Future<?> f : closing) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    failure.addSuppressed(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure.addSuppressed(e);
                }
            }
        }
        synchronized (hosts) {
            hosts.values().forEach(h -> attempt(failure, h::close));
        }
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
        LOG.info("lab '{}' closed on machines {}", topology.name(), parts.keySet());
    }

    private static void attempt(NetrigException failure, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("lab '" + topology.name() + "' is closed");
        }
    }

    @Override
    public String toString() {
        return "lab '" + topology.name() + "' on machines " + parts.keySet() + " of " + map.file();
    }
}
