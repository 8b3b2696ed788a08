package io.netrig.kernel.internal;

import io.netrig.kernel.LabId;
import io.netrig.kernel.capture.TcpdumpCapture;
import io.netrig.kernel.exec.CommandExecutor;
import io.netrig.kernel.exec.CommandFailedException;
import io.netrig.kernel.exec.CommandResult;
import io.netrig.kernel.exec.IpBatch;
import io.netrig.kernel.exec.IpQuery;
import io.netrig.kernel.exec.Iptables;
import io.netrig.kernel.exec.PingCommand;
import io.netrig.model.NetrigException;
import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Namespace;
import io.netrig.model.topology.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A topology realised as network namespaces of this machine; closing it deletes them all. */
public final class KernelLab implements Lab {
    private static final Logger LOG = LoggerFactory.getLogger(KernelLab.class);

    private final LabId id;
    private final Topology topology;
    private final LabOptions options;
    private final CommandExecutor exec;
    private final StateStore states;
    private final List<String> namespaces;
    /** Probes of one lab run one at a time so that counter deltas belong to exactly one probe. */
    private final ReentrantLock probeLock = new ReentrantLock();
    private final List<Capture> captures = new ArrayList<>();
    private final AtomicInteger captureSeq = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    public KernelLab(LabId id, Topology topology, LabOptions options, CommandExecutor exec, StateStore states, List<String> namespaces) {
        this.id = id;
        this.topology = topology;
        this.options = options;
        this.exec = exec;
        this.states = states;
        this.namespaces = List.copyOf(namespaces);
    }

    /** Runs the plan; if any step fails, removes everything made so far, then throws saying which step failed. */
    public void build(BuildPlan plan) {
        // the state file comes first, so that a cleaner in another process never takes a lab being built for a leftover
        states.write(new LabState(id.toString(), ProcessHandle.current().pid(), namespaces));
        OpenLabs.register(this);
        long start = System.nanoTime();
        for (BuildStep step : plan.steps()) {
            try {
                exec.run(step.command());
            } catch (CommandFailedException e) {
                NetrigException failure = new NetrigException("could not start lab " + id + " (topology '" + topology.name()
                        + "') at step '" + step.phase() + "'; everything made so far was removed. " + e.getMessage(), e);
                try {
                    close();
                } catch (RuntimeException cleanup) {
                    failure.addSuppressed(cleanup);
                }
                throw failure;
            }
        }
        LOG.info("lab {} (topology '{}') started: {} namespaces, {} links, {} commands in {} ms", id, topology.name(),
                namespaces.size(), topology.links().size(), plan.steps().size(), (System.nanoTime() - start) / 1_000_000);
    }

    public LabId id() {
        return id;
    }

    /** The kernel namespaces of this lab, in topology order. */
    public List<String> namespaces() {
        return namespaces;
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public Observation probe(Probe probe) {
        requireOpen();
        return switch (probe) {
            case Probe.Ping ping -> ping(ping);
        };
    }

    private Observation ping(Probe.Ping ping) {
        String from = kernelNamespace(ping.from());
        probeLock.lock();
        try {
            Map<String, CounterSnapshot> before = counters();
            CommandResult result = exec.result(PingCommand.of(from, ping.to(), ping.count(), ping.timeout()));
            return PingVerdict.judge(ping, result, () -> DropAttribution.find(topology, before, counters()));
        } finally {
            probeLock.unlock();
        }
    }

    /** Rule counters of every namespace that has rules, keyed by topology namespace. */
    private Map<String, CounterSnapshot> counters() {
        Map<String, CounterSnapshot> out = new LinkedHashMap<>();
        for (Ruleset rs : topology.rulesets()) {
            out.put(rs.namespace(), CounterSnapshot.parse(exec.run(Iptables.saveWithCounters(id.namespace(rs.namespace()))).stdout()));
        }
        return out;
    }

    @Override
    public Capture capture(LinkRef where, CaptureFilter filter) {
        requireOpen();
        if (topology.iface(where).isEmpty()) {
            throw new NetrigException("cannot capture on " + where + ": the lab has no such interface (it has: "
                    + topology.ifaces().map(i -> i.ref().toString()).collect(Collectors.joining(", ")) + ")");
        }
        Path dir = options.workDir().toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new NetrigException("cannot create the capture folder " + dir + ": " + e.getMessage(), e);
        }
        Path file = dir.resolve(id + "-" + where.namespace() + "-" + where.name() + "-" + captureSeq.incrementAndGet() + ".pcap");
        Capture c = TcpdumpCapture.start(exec, id.namespace(where.namespace()), where, filter, file);
        synchronized (captures) {
            captures.add(c);
        }
        return c;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Capture> running;
        synchronized (captures) {
            running = List.copyOf(captures);
        }
        // a capture process inside a namespace would keep it alive after its name is gone
        running.forEach(Capture::stop);
        Set<String> existing = new HashSet<>(IpQuery.namespaceNames(exec.run(IpQuery.netnsList()).stdout()));
        IpBatch delete = IpBatch.global();
        namespaces.stream().filter(existing::contains).forEach(delete::netnsDelete);
        if (!delete.isEmpty()) {
            exec.run(delete.toCommand());
        }
        states.delete(id.toString());
        OpenLabs.deregister(this);
        LOG.info("lab {} (topology '{}') closed", id, topology.name());
    }

    private String kernelNamespace(String topologyNamespace) {
        Optional<Namespace> ns = topology.namespace(topologyNamespace);
        if (ns.isEmpty()) {
            throw new NetrigException("lab " + id + " has no namespace '" + topologyNamespace + "' (it has: "
                    + topology.namespaces().stream().map(Namespace::name).collect(Collectors.joining(", ")) + ")");
        }
        return id.namespace(topologyNamespace);
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("lab " + id + " is closed");
        }
    }

    @Override
    public String toString() {
        return "kernel lab " + id + " (topology '" + topology.name() + "')";
    }
}
