package io.netrig.kernel.internal;

import io.netrig.kernel.LabId;
import io.netrig.kernel.capture.PcapCapture;
import io.netrig.kernel.capture.TcpdumpCapture;
import io.netrig.kernel.exec.CommandExecutor;
import io.netrig.kernel.exec.CommandFailedException;
import io.netrig.kernel.exec.CommandResult;
import io.netrig.kernel.exec.IpBatch;
import io.netrig.kernel.exec.IpQuery;
import io.netrig.kernel.exec.Iptables;
import io.netrig.kernel.exec.NeighbourFlush;
import io.netrig.kernel.netns.NamespaceThreads;
import io.netrig.kernel.service.LabServices;
import io.netrig.model.NetrigException;
import io.netrig.model.backend.Capabilities;
import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.RuleRef;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.net.LinkName;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Namespace;
import io.netrig.model.topology.LoadBalancerRules;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A topology realised as network namespaces of this machine; closing it deletes them all. */
public final class KernelLab implements Lab {
    private static final Logger LOG = LoggerFactory.getLogger(KernelLab.class);
    /** Probes wait far more than they compute; 16 keeps a 2-CPU machine responsive while 16 timeouts overlap. */
    static final int PROBE_PARALLELISM = 16;
    /** {@code ip neigh flush} processes run side by side when the lab's neighbour entries must go. */
    private static final int NEIGHBOUR_FLUSH_PROCESSES = 4;
    /** {@code -Dnetrig.capture=tcpdump} captures with tcpdump processes instead of pcap4j. */
    public static final String CAPTURE_PROPERTY = "netrig.capture";
    public static final String CAPTURE_TCPDUMP = "tcpdump";
    private static final LinkName LOOPBACK = LinkName.of("lo");

    private final LabId id;
    private volatile Topology topology;
    private final LabOptions options;
    private final CommandExecutor exec;
    private final StateStore states;
    private final Capabilities capabilities;
    private final ResolverFiles resolverFiles;
    private volatile List<String> namespaces;
    /**
     * Held while probes run, so that a counter window belongs to exactly one probe ({@link #probe}) or to one batch
     * ({@link #probeAll}).
     */
    private final ReentrantLock probeLock = new ReentrantLock();
    private final NamespaceThreads threads;
    private final SocketProbe sockets;
    private final EchoProbe echo;
    private final NeighbourCheck neighbours;
    /** Keeps probes inside the machine-wide ARP table ({@link NeighbourBudget}). */
    private final NeighbourBudget neighbourBudget = NeighbourBudget.ofMachine(this::flushNeighbours);
    private volatile LabServices services = LabServices.none();
    private final List<Capture> captures = new ArrayList<>();
    private final AtomicInteger captureSeq = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    public KernelLab(LabId id, Topology topology, LabOptions options, CommandExecutor exec, StateStore states, List<String> namespaces) {
        this(id, topology, options, exec, states, namespaces, Capabilities.all(), new ResolverFiles(ResolverFiles.DEFAULT_DIR));
    }

    /**
     * @param capabilities what this kernel can build ({@link #update} refuses a topology needing more)
     * @param resolverFiles where the namespaces' hosts and resolv.conf files go ({@code /etc/netns})
     */
    public KernelLab(LabId id, Topology topology, LabOptions options, CommandExecutor exec, StateStore states, List<String> namespaces,
                     Capabilities capabilities, ResolverFiles resolverFiles) {
        this.capabilities = capabilities;
        this.resolverFiles = resolverFiles;
        this.threads = new NamespaceThreads();
        this.sockets = new SocketProbe(threads);
        this.echo = new EchoProbe(threads);
        this.neighbours = new NeighbourCheck(exec);
        this.id = id;
        this.topology = topology;
        this.options = options;
        this.exec = exec;
        this.states = states;
        this.namespaces = List.copyOf(namespaces);
    }

    /**
     * Runs the plan, then starts the topology's services (once addresses and rules exist); if anything fails, removes
     * everything made so far, then throws saying which step failed.
     */
    public void build(BuildPlan plan) {
        // the state file comes first, so that a cleaner in another process never takes a lab being built for a leftover
        states.write(new LabState(id.toString(), ProcessHandle.current().pid(), namespaces));
        OpenLabs.register(this);
        long start = System.nanoTime();
        for (BuildStep step : plan.steps()) {
            try {
                exec.run(step.command());
            } catch (CommandFailedException e) {
                throw startFailed(step.phase(), e);
            }
        }
        try {
            for (Namespace ns : topology.namespaces()) {
                resolverFiles.write(id.namespace(ns.name()), ResolverFiles.Texts.of(topology, ns.name()));
            }
        } catch (NetrigException e) {
            throw startFailed("resolver files", e);
        }
        try {
            services = LabServices.start(topology, id::namespace, threads);
        } catch (NetrigException e) {
            throw startFailed("services", e);
        }
        LOG.info("lab {} (topology '{}') started: {} namespaces, {} links, {} services, {} commands in {} ms", id, topology.name(),
                namespaces.size(), topology.links().size(), topology.services().size(), plan.steps().size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private NetrigException startFailed(String phase, NetrigException cause) {
        NetrigException failure = new NetrigException("could not start lab " + id + " (topology '" + topology.name()
                + "') at step '" + phase + "'; everything made so far was removed. " + cause.getMessage(), cause);
        try {
            close();
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
        return failure;
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
        probeLock.lock();
        try {
            // a lookup sends no packet a rule could be blamed for: no counters to read
            return runner().attributed(probe);
        } finally {
            probeLock.unlock();
        }
    }

    /**
     * One probe judged as if no rule's counter grew, without the probe lock, so that several may run side by side: for a
     * caller that reads the counters of several machines itself and names the rule ({@code host.MultiHostLab}). Its
     * DROPPED is then TIMEOUT, and a REFUSED or UNREACHABLE names no REJECT rule.
     */
    public Observation probeUnattributed(Probe probe) {
        requireOpen();
        return run(probe, Optional::empty);
    }

    /** {@code iptables-save -c} of every namespace of the lab that has rules, keyed by topology namespace. */
    public Map<String, String> counterTexts() {
        requireOpen();
        Map<String, String> out = new LinkedHashMap<>();
        for (Ruleset rs : topology().rulesets()) {
            out.put(rs.namespace(), exec.run(Iptables.saveWithCounters(id.namespace(rs.namespace()))).stdout());
        }
        return out;
    }

    /**
     * Runs the probes side by side, at most {@value #PROBE_PARALLELISM} at a time, and gives the same observations
     * (outcomes and rules) as probing one at a time would; see {@link ProbeBatch} for how drops stay attributed.
     */
    @Override
    public List<Observation> probeAll(List<Probe> probes) {
        requireOpen();
        probeLock.lock();
        int flushesBefore = neighbourBudget.flushes();
        try {
            return ProbeBatch.run(probes, PROBE_PARALLELISM, runner());
        } finally {
            int flushed = neighbourBudget.flushes() - flushesBefore;
            if (flushed > 0) {
                LOG.info("lab {}: {} probes filled the machine's neighbour table to {} entries; the lab's own dynamic entries "
                        + "were flushed {} times between probes (see NeighbourBudget)", id, probes.size(), neighbourBudget.highWater(), flushed);
            }
            probeLock.unlock();
        }
    }

    /** Runs probes here, naming drops from the rule counters; the caller holds {@code probeLock}. */
    private CountedRunner runner() {
        return new CountedRunner(topology, this::run, this::counters);
    }

    private Observation run(Probe probe, Supplier<Optional<RuleRef>> dropRule) {
        // a lookup asks 127.0.0.11 in its own namespace: no neighbour entry, and it may take seconds
        return probe instanceof Probe.Lookup ? runNow(probe, dropRule) : neighbourBudget.run(() -> runNow(probe, dropRule));
    }

    private Observation runNow(Probe probe, Supplier<Optional<RuleRef>> dropRule) {
        String from = kernelNamespace(probe.from());
        return switch (probe) {
            case Probe.Ping ping -> PingVerdict.judge(ping, echo.ping(from, ping.to(), ping.count(), ping.timeout()),
                    evidence(from, ping, dropRule));
            case Probe.Tcp tcp -> TransportVerdict.judge(tcp, sockets.tcp(from, tcp.to(), tcp.port(), tcp.timeout()), evidence(from, tcp, dropRule));
            case Probe.Udp udp -> TransportVerdict.judge(udp, sockets.udp(from, udp.to(), udp.port(), udp.timeout()), evidence(from, udp, dropRule));
            case Probe.Lookup lookup -> NameLookup.run(lookup, from, topology.resolverIn(lookup.from()), exec);
        };
    }

    private Evidence evidence(String from, Probe.Addressed probe, Supplier<Optional<RuleRef>> dropRule) {
        return new Evidence(dropRule, () -> neighbours.nextHopUnresolved(from, probe.to()));
    }

    /**
     * Deletes the resolved dynamic neighbour entries of every namespace of the lab ({@link NeighbourBudget} calls it
     * while no probe runs). A namespace that cannot be flushed is only logged: the kernel's own GC may still free room.
     */
    private void flushNeighbours() {
        List<String> all = namespaces;
        ThreadFactory factory = Thread.ofPlatform().name("neigh-flush-", 0).daemon(true).factory();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(NEIGHBOUR_FLUSH_PROCESSES, all.size())), factory)) {
            for (String ns : all) {
                pool.submit(() -> {
                    CommandResult r = exec.result(NeighbourFlush.resolved(ns));
                    if (!r.succeeded()) {
                        LOG.debug("flushing neighbour entries of {}: {}", ns, r.stderr().strip());
                    }
                });
            }
        }
    }

    /** Rule counters of every namespace that has rules, keyed by topology namespace. */
    private Map<String, CounterSnapshot> counters() {
        Map<String, CounterSnapshot> out = new LinkedHashMap<>();
        for (Ruleset rs : topology().rulesets()) {
            out.put(rs.namespace(), CounterSnapshot.parse(exec.run(Iptables.saveWithCounters(id.namespace(rs.namespace()))).stdout()));
        }
        return out;
    }

    /**
     * Reconciles the running lab with {@code next} ({@link UpdatePlan} says what changes and in which order): stops
     * captures on interfaces that go and services that change, lets go of namespaces that go, deletes what goes,
     * creates what is new, rewrites changed resolver files, starts the new services. The state file names every
     * namespace that may exist meanwhile (old and new), then those of {@code next}. Probes wait while it runs.
     * Nothing is changed if {@code next} has another name or needs a feature this kernel lacks.
     *
     * @throws NetrigException if a step fails: it names the step and lists the steps already applied; the lab is not
     *     rolled back (it still runs, in between), and {@link #close()} still removes everything either topology made
     */
    @Override
    public void update(Topology wanted) {
        requireOpen();
        Topology next = LoadBalancerRules.natEquivalent(wanted);
        if (!next.name().equals(topology.name())) {
            throw new NetrigException("lab " + id + " runs topology '" + topology.name() + "' and cannot be updated to '" + next.name()
                    + "': an update keeps the lab's name");
        }
        RequiredFeatures.check(next, capabilities);
        probeLock.lock();
        try {
            long start = System.nanoTime();
            Topology old = topology;
            UpdatePlan plan = UpdatePlan.of(old, next, id);
            if (plan.isEmpty()) {
                topology = next;
                LOG.info("lab {} (topology '{}') updated: nothing to change", id, next.name());
                return;
            }
            List<String> applied = new ArrayList<>();
            String step = "stopping captures and services";
            try {
                stopCapturesOn(plan);
                services = services.without(plan.stoppedServices());
                applied.add("stopped services " + plan.stoppedServices().stream().map(s -> s.socketText() + " in " + s.namespace()).toList());
                step = "releasing namespaces";
                for (String ns : plan.removedNamespaces()) {
                    threads.release(id.namespace(ns));
                }
                List<String> union = new ArrayList<>(namespaces);
                plan.addedNamespaces().forEach(ns -> union.add(id.namespace(ns)));
                namespaces = List.copyOf(union);
                states.write(new LabState(id.toString(), ProcessHandle.current().pid(), namespaces));
                for (BuildStep s : plan.teardown()) {
                    step = s.phase();
                    exec.run(s.command());
                    applied.add(s.phase());
                }
                step = "removing resolver files";
                for (String ns : plan.removedNamespaces()) {
                    resolverFiles.remove(id.namespace(ns));
                }
                for (BuildStep s : plan.build()) {
                    step = s.phase();
                    exec.run(s.command());
                    applied.add(s.phase());
                }
                step = "writing resolver files";
                for (String ns : plan.resolverWrites()) {
                    resolverFiles.write(id.namespace(ns), ResolverFiles.Texts.of(next, ns));
                    applied.add("resolver files of " + ns);
                }
                step = "starting services";
                // the topology is next's from here on: services resolve their namespace's addresses in it
                topology = next;
                services = services.plus(plan.startedServices(), next, id::namespace, threads);
                applied.add("started services " + plan.startedServices().stream().map(s -> s.socketText() + " in " + s.namespace()).toList());
                namespaces = next.namespaces().stream().map(ns -> id.namespace(ns.name())).toList();
                states.write(new LabState(id.toString(), ProcessHandle.current().pid(), namespaces));
            } catch (RuntimeException e) {
                throw new NetrigException("could not update lab " + id + " (topology '" + next.name() + "') at step '" + step
                        + "'; applied before it: " + (applied.isEmpty() ? "nothing" : String.join("; ", applied))
                        + ". The lab was not rolled back; close() removes everything it has. " + e.getMessage(), e);
            }
            LOG.info("lab {} (topology '{}') updated in {} ms: namespaces +{} -{}, links +{} -{}, services +{} -{}, {} commands",
                    id, next.name(), (System.nanoTime() - start) / 1_000_000, plan.addedNamespaces(), plan.removedNamespaces(),
                    plan.createdLinks().stream().map(UpdatePlan::describe).toList(), plan.deletedLinks().stream().map(UpdatePlan::describe).toList(),
                    plan.startedServices().size(), plan.stoppedServices().size(), plan.teardown().size() + plan.build().size());
        } finally {
            probeLock.unlock();
        }
    }

    /** Stops the captures on interfaces the update deletes (with their namespace or their link). */
    private void stopCapturesOn(UpdatePlan plan) {
        List<Capture> ending;
        synchronized (captures) {
            ending = captures.stream().filter(c -> plan.goneIfaces().contains(c.where())
                    || plan.removedNamespaces().contains(c.where().namespace())).toList();
            captures.removeAll(ending);
        }
        ending.forEach(Capture::stop);
    }

    @Override
    public Capture capture(LinkRef where, CaptureFilter filter) {
        requireOpen();
        // every lab namespace has its own lo, which the topology does not list
        boolean loopback = where.name().equals(LOOPBACK) && topology.namespace(where.namespace()).isPresent();
        if (!loopback && topology.iface(where).isEmpty()) {
            throw new NetrigException("cannot capture on " + where + ": the lab has no such interface (it has: "
                    + topology.ifaces().map(i -> i.ref().toString()).collect(Collectors.joining(", ")) + ", and lo in each namespace)");
        }
        Path dir = options.workDir().toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new NetrigException("cannot create the capture folder " + dir + ": " + e.getMessage(), e);
        }
        Path file = dir.resolve(id + "-" + where.namespace() + "-" + where.name() + "-" + captureSeq.incrementAndGet() + ".pcap");
        Capture c = usePcap4j()
                ? PcapCapture.start(threads, id.namespace(where.namespace()), where, filter, file)
                : TcpdumpCapture.start(exec, id.namespace(where.namespace()), where, filter, file);
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
        // a capture process, a socket or a thread inside a namespace keeps it alive after its name is gone: all of them
        // end before the namespaces are deleted; a failure here still lets the deletion run, and is thrown after it
        NetrigException failure = new NetrigException("lab " + id + " (topology '" + topology.name() + "') did not close cleanly");
        attempt(failure, () -> running.forEach(Capture::stop));
        attempt(failure, services::close);
        attempt(failure, threads::close);
        Set<String> existing = new HashSet<>(IpQuery.namespaceNames(exec.run(IpQuery.netnsList()).stdout()));
        IpBatch delete = IpBatch.global();
        namespaces.stream().filter(existing::contains).forEach(delete::netnsDelete);
        if (!delete.isEmpty()) {
            exec.run(delete.toCommand());
        }
        // every folder of the lab, also of a namespace an interrupted update was making
        attempt(failure, () -> resolverFiles.removeLab(id));
        states.delete(id.toString());
        OpenLabs.deregister(this);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
        LOG.info("lab {} (topology '{}') closed", id, topology.name());
    }

    /**
     * pcap4j inside the JVM unless libpcap cannot be loaded, or {@code -Dnetrig.capture=tcpdump} asks for the
     * documented fallback: {@code tcpdump -w} run in the namespace.
     */
    private static boolean usePcap4j() {
        if (CAPTURE_TCPDUMP.equals(System.getProperty(CAPTURE_PROPERTY))) {
            return false;
        }
        Optional<String> why = PcapCapture.unavailable();
        why.ifPresent(reason -> LOG.debug("capturing with tcpdump: {}", reason));
        return why.isEmpty();
    }

    private static void attempt(NetrigException failure, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
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
