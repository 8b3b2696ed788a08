package io.netrig.kernel;

import io.netrig.kernel.exec.CommandExecutor;
import io.netrig.kernel.exec.IpQuery;
import io.netrig.kernel.exec.ProcessExecutor;
import io.netrig.kernel.host.HostMap;
import io.netrig.kernel.host.HostMapFile;
import io.netrig.kernel.host.Machine;
import io.netrig.kernel.host.MultiHostLab;
import io.netrig.kernel.host.SshHost;
import io.netrig.kernel.internal.BuildPlan;
import io.netrig.kernel.internal.CapabilityProbe;
import io.netrig.kernel.internal.KernelLab;
import io.netrig.kernel.internal.NatBalancedLab;
import io.netrig.kernel.internal.RequiredFeatures;
import io.netrig.kernel.internal.ResolverFiles;
import io.netrig.kernel.internal.StateStore;
import io.netrig.model.NetrigException;
import io.netrig.model.backend.Capabilities;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabBackend;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.topology.LoadBalancerRules;
import io.netrig.model.topology.Topology;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Runs a topology on this machine's kernel: every topology namespace becomes the network namespace
 * {@code <prefix><4 hex>-<name>} (e.g. {@code nr3fa2-host}); links keep their topology names inside those namespaces
 * and never appear in the machine's own namespace. With a host map ({@link LabOptions#hostMap()}), each spec host's
 * part is built on the machine the map names, by an agent reached over SSH ({@link MultiHostLab}).
 */
public final class KernelBackend implements LabBackend {
    private static final int ID_ATTEMPTS = 20;

    private final CommandExecutor exec;
    private final StateStore states;
    private final ResolverFiles resolverFiles;
    private final RandomGenerator random;
    private Capabilities capabilities;

    /** The backend {@link java.util.ServiceLoader} finds: real processes, state files in {@code /run/netrig}. */
    public KernelBackend() {
        this(new ProcessExecutor(), StateStore.DEFAULT_DIR);
    }

    public KernelBackend(CommandExecutor exec, Path stateDir) {
        this(exec, stateDir, ResolverFiles.DEFAULT_DIR);
    }

    /** @param resolverDir where namespaces' hosts and resolv.conf files go ({@code /etc/netns}, read by {@code ip netns exec}) */
    public KernelBackend(CommandExecutor exec, Path stateDir, Path resolverDir) {
        this.exec = exec;
        this.states = new StateStore(stateDir);
        this.resolverFiles = new ResolverFiles(resolverDir);
        this.random = new SecureRandom();
    }

    @Override
    public String name() {
        return "kernel";
    }

    /** Probed once per backend instance (the probe creates and deletes a throwaway lab namespace). */
    @Override
    public Capabilities capabilities() {
        return capabilities(LabOptions.DEFAULT_PREFIX);
    }

    private synchronized Capabilities capabilities(String prefix) {
        if (capabilities == null) {
            capabilities = new CapabilityProbe(exec, states, prefix).probe();
        }
        return capabilities;
    }

    /** Removes namespaces and state files of labs whose process is gone ({@code netrig clean}). */
    @Override
    public List<String> removeLeftovers(String prefix) {
        CleanReport report = new KernelCleaner(prefix, exec, states.dir(), resolverFiles.dir(), KernelCleaner::processAlive).clean();
        List<String> out = new ArrayList<>();
        report.namespaces().forEach(ns -> out.add("namespace " + ns));
        report.resolverDirs().forEach(ns -> out.add("resolver files " + resolverFiles.dir().resolve(ns)));
        report.stateFiles().forEach(id -> out.add("state of lab " + id));
        return out;
    }

    /**
     * Removes leftovers here and, with a host map, on every machine it lists (each with its own prefix,
     * {@link HostMap#prefixOf}), through an agent there ({@code netrig clean --hosts FILE}).
     */
    @Override
    public List<String> removeLeftovers(LabOptions options) {
        List<String> out = new ArrayList<>(removeLeftovers(options.prefix()));
        if (options.hostMap().isPresent()) {
            HostMap map = HostMapFile.load(options.hostMap().get());
            for (Machine m : map.machines()) {
                try (SshHost host = SshHost.connect(m)) {
                    host.clean(map.prefixOf(m, options.prefix())).forEach(line -> out.add(line + " on machine " + m.name()));
                }
            }
        }
        return out;
    }

    /**
     * Builds the topology on this machine's kernel, or, when the options name a host map, each spec host's part on the
     * machine the map gives it, over SSH ({@link MultiHostLab}).
     */
    @Override
    public Lab start(Topology spec, LabOptions options) {
        // This kernel has no IPVS: swarm load balancers become their nat-table equivalent (the rules say so).
        Topology topology = LoadBalancerRules.natEquivalent(spec);
        if (options.hostMap().isPresent()) {
            HostMap map = HostMapFile.load(options.hostMap().get());
            return NatBalancedLab.of(MultiHostLab.start(topology, options, map, SshHost::connect), spec);
        }
        return NatBalancedLab.of(startHere(topology, options), spec);
    }

    /**
     * Builds the topology in this machine's namespaces (what {@link #start} does without a host map, and what the agent
     * of a remote machine does with its part). The capability probe uses the options' prefix, so that two agents on one
     * machine never share a name.
     */
    public KernelLab startHere(Topology spec, LabOptions options) {
        Topology topology = LoadBalancerRules.natEquivalent(spec);
        Capabilities caps = capabilities(options.prefix());
        RequiredFeatures.check(topology, caps);
        LabId id = freshId(options.prefix());
        BuildPlan plan = BuildPlan.of(topology, id);
        KernelLab lab = new KernelLab(id, topology, options, exec, states, plan.namespaces(), caps, resolverFiles);
        lab.build(plan);
        return lab;
    }

    /** A lab id no namespace or state file of this machine uses yet. */
    private LabId freshId(String prefix) {
        Set<String> taken = new HashSet<>(states.labIds());
        for (String ns : IpQuery.namespaceNames(exec.run(IpQuery.netnsList()).stdout())) {
            LabId.ofNamespace(prefix, ns).ifPresent(id -> taken.add(id.toString()));
        }
        for (String ns : resolverFiles.all()) {
            LabId.ofNamespace(prefix, ns).ifPresent(id -> taken.add(id.toString()));
        }
        for (int i = 0; i < ID_ATTEMPTS; i++) {
            LabId id = LabId.random(prefix, random);
            if (!taken.contains(id.toString())) {
                return id;
            }
        }
        throw new NetrigException("no free lab id with prefix '" + prefix + "' after " + ID_ATTEMPTS + " tries ("
                + taken.size() + " in use; run `netrig clean` to remove leftovers)");
    }
}
