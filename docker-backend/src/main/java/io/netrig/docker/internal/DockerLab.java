package io.netrig.docker.internal;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network;
import io.netrig.docker.internal.DockerPlan.ContainerRequest;
import io.netrig.docker.internal.DockerPlan.EndpointRequest;
import io.netrig.docker.internal.DockerPlan.NetworkRequest;
import io.netrig.docker.internal.DockerPlan.RootChange;
import io.netrig.docker.internal.EngineState.EngineContainer;
import io.netrig.docker.internal.EngineState.EngineEndpoint;
import io.netrig.docker.internal.EngineState.EngineNetwork;
import io.netrig.docker.internal.RuleTable.ChainState;
import io.netrig.docker.internal.RuleTable.RuleLine;
import io.netrig.model.NetrigException;
import io.netrig.model.UnsupportedFeatureException;
import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.ComparableWithLowering;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LoweringDifference;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.RuleRef;
import io.netrig.model.firewall.TableName;
import io.netrig.model.lower.DockerNames;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.net.MacAddress;
import io.netrig.model.spec.DaemonOptions;
import io.netrig.model.spec.HostSpec;
import io.netrig.model.spec.NetworkSpec;
import io.netrig.model.spec.SpecPath;
import io.netrig.model.spec.ValidatedLab;
import io.netrig.model.topology.Address;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lab running on the machine's Docker Engine: its networks and containers, plus the LAN around the Docker host
 * ({@link LanNetwork}). Probes run one at a time (each reads the firewall counters before and after, to name the rule
 * that dropped it), in a container with {@code docker exec}, on the Docker host (the machine's own namespace), or in a
 * plain machine's namespace.
 */
public final class DockerLab implements Lab, ComparableWithLowering {
    private static final Logger LOG = LoggerFactory.getLogger(DockerLab.class);
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(30);
    private static final String DEFAULT_BRIDGE = "bridge";

    private final DockerExecutor executor;
    private final ValidatedLab lab;
    private final Topology topology;
    private final DockerPlan plan;
    private final LabNames names;
    private final LanNetwork lan;
    private final String busybox;
    private final List<Process> listeners = new ArrayList<>();
    private final Map<String, String> containerIds = new LinkedHashMap<>();
    private final Map<String, String> networkIds = new LinkedHashMap<>();
    private EngineState engine;
    private LoweringComparison comparison;
    private Set<String> rulesetNamespaces = Set.of();
    private boolean closed;

    private DockerLab(DockerExecutor executor, ValidatedLab lab, Topology topology, DockerPlan plan, LabNames names) {
        this.executor = executor;
        this.lab = lab;
        this.topology = topology;
        this.plan = plan;
        this.names = names;
        this.lan = new LanNetwork(topology, lab.spec(), plan, names);
        this.busybox = ProbeImage.busybox().toString();
    }

    /** Builds the lab; on failure everything made so far is removed before the exception leaves. */
    public static DockerLab start(DockerExecutor executor, ValidatedLab lab, Topology topology, LabNames names) {
        DockerPlan plan = DockerPlan.of(lab, names);
        DockerLab running = new DockerLab(executor, lab, topology, plan, names);
        try {
            running.build();
            return running;
        } catch (RuntimeException e) {
            try {
                running.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    public String id() {
        return names.id();
    }

    private void build() {
        long start = System.nanoTime();
        LanNetwork.Steps steps = lan.plan();
        String image = ProbeImage.ensure(executor);
        checkDaemon();
        checkRootRoutes();
        rulesetNamespaces = steps.rulesets().keySet();
        listeners.addAll(lan.build(steps, executor, busybox));
        Map<String, String> labels = labels();
        for (NetworkRequest n : plan.networks()) {
            networkIds.put(n.specName(), executor.createNetwork(n, labels));
        }
        List<ContainerRequest> pending = new ArrayList<>(plan.containers());
        while (!pending.isEmpty()) {
            ContainerRequest next = pending.stream().filter(c -> !(c.networking() instanceof DockerPlan.Networking.SharedWith(String other))
                    || created(other)).findFirst()
                    .orElseThrow(() -> new NetrigException("containers " + pending.stream().map(ContainerRequest::specName).toList()
                            + " share each other's network namespaces in a cycle"));
            pending.remove(next);
            runContainer(next, image, labels);
        }
        if (!plan.commands().isEmpty()) {
            executor.check(MachineCommand.ipBatch(), String.join("\n", plan.commands().stream().map(DockerLab::ipLine).toList()) + "\n");
        }
        readBack();
        LOG.info("docker lab {} ({}) started in {} ms: {} networks, {} containers", names.id(), topology.name(),
                (System.nanoTime() - start) / 1_000_000, networkIds.size(), containerIds.size());
    }

    private boolean created(String engineName) {
        return plan.containers().stream().anyMatch(c -> c.name().equals(engineName) && containerIds.containsKey(c.specName()));
    }

    private void runContainer(ContainerRequest c, String image, Map<String, String> labels) {
        String id = executor.createContainer(c, image, listenerCommand(c.tcpListeners()), labels);
        containerIds.put(c.specName(), id);
        executor.startContainer(id, c.name());
        if (c.networking() instanceof DockerPlan.Networking.Attached(List<EndpointRequest> endpoints)) {
            for (EndpointRequest ep : endpoints.subList(1, endpoints.size())) {
                executor.connect(id, c.name(), ep);
            }
        }
    }

    /** The container's main process: a TCP listener per port (each connection echoed by cat), then sleep. */
    static List<String> listenerCommand(List<Integer> tcpPorts) {
        StringBuilder script = new StringBuilder();
        for (int port : tcpPorts) {
            script.append("/bin/nc -ll -p ").append(port).append(" -e /bin/cat & ");
        }
        script.append("exec /bin/sleep 2147483647");
        return List.of("/bin/sh", "-c", script.toString());
    }

    private Map<String, String> labels() {
        return Map.of(LabNames.LAB_LABEL, names.id(), LabNames.PREFIX_LABEL, names.prefix(),
                LabNames.PID_LABEL, Long.toString(ProcessHandle.current().pid()), "io.netrig.spec", topology.name());
    }

    private static String ipLine(RootChange change) {
        return switch (change) {
            case RootChange.AddMacvlan(String text, String name, String parent, var mode) ->
                    "link add " + name + " link " + parent + " type macvlan mode " + mode.name().toLowerCase(java.util.Locale.ROOT);
            case RootChange.SetUp(String text, String name) -> "link set " + name + " up";
            case RootChange.AddAddress(String text, String dev, Ipv4Interface address) -> "addr add " + address + " dev " + dev;
            case RootChange.AddRoute(String text, Ipv4Prefix to, Optional<Ipv4Address> via, Optional<String> dev,
                                     Optional<Ipv4Address> src, int metric) -> "route add " + to
                    + via.map(v -> " via " + v).orElse("") + dev.map(d -> " dev " + d).orElse("")
                    + (metric == 0 ? "" : " metric " + metric) + src.map(s -> " src " + s).orElse("");
        };
    }

    /** The machine's dockerd is shared: the lab must want the options it runs with, and its default bridge to itself. */
    private void checkDaemon() {
        HostSpec host = lab.spec().hosts().get(plan.dockerHost());
        DaemonOptions want = host.daemon();
        Network bridge = executor.inspectNetwork(DEFAULT_BRIDGE);
        Map<String, String> options = bridge.getOptions() == null ? Map.of() : bridge.getOptions();
        Network.Ipam.Config ipam = bridge.getIpam().getConfig().getFirst();
        List<String> refusals = new ArrayList<>();
        SpecPath at = SpecPath.of("hosts", host.name(), "daemon");
        String bip = defaultBridgeAddress().map(Object::toString).orElse("(none)");
        differs(refusals, at.child("bip"), want.bip().map(Object::toString).orElse("172.17.0.1/16"), bip);
        differs(refusals, at.child("icc"), Boolean.toString(want.icc()), options.getOrDefault("com.docker.network.bridge.enable_icc", "true"));
        differs(refusals, at.child("ip_masquerade"), Boolean.toString(want.ipMasquerade()),
                options.getOrDefault("com.docker.network.bridge.enable_ip_masquerade", "true"));
        differs(refusals, at.child("mtu"), Integer.toString(want.mtu()), options.getOrDefault("com.docker.network.driver.mtu", "1500"));
        differs(refusals, at.child("fixed_cidr"), want.fixedCidr().map(Object::toString).orElse(""), Optional.ofNullable(ipam.getIpRange()).orElse(""));
        if (!want.iptables() || !want.userlandProxy() || want.defaultGateway().isPresent()) {
            refusals.add(lab.spec().sources().locate(at) + ": " + at + ": the docker backend runs with the machine's dockerd as it is "
                    + "(iptables on, userland proxy on, no default gateway)");
        }
        boolean usesDefaultBridge = plan.containers().stream().anyMatch(c -> c.networking() instanceof DockerPlan.Networking.Attached(var eps)
                && eps.stream().anyMatch(ep -> ep.network().equals(DEFAULT_BRIDGE)));
        if (usesDefaultBridge && bridge.getContainers() != null && !bridge.getContainers().isEmpty()) {
            refusals.add("the default bridge already has containers that are not this lab's ("
                    + bridge.getContainers().values().stream().map(Network.ContainerNetworkConfig::getName).toList()
                    + "): Docker would give the lab's containers other addresses than its lowering");
        }
        if (!refusals.isEmpty()) {
            throw new UnsupportedFeatureException("daemon options", "the docker backend cannot run lab '" + topology.name()
                    + "' on this machine's dockerd, which it does not reconfigure:\n  " + String.join("\n  ", refusals));
        }
    }

    /** docker0's address: Docker 20.10's inspect of the default bridge leaves its gateway out. */
    private Optional<Ipv4Interface> defaultBridgeAddress() {
        return MachineState.rootAddresses(executor, DockerNames.DEFAULT_BRIDGE_DEVICE).stream().findFirst();
    }

    private void differs(List<String> refusals, SpecPath path, String wanted, String running) {
        if (!wanted.equals(running)) {
            refusals.add(lab.spec().sources().locate(path) + ": " + path + ": the lab wants '" + wanted + "', the machine's dockerd runs '" + running + "'");
        }
    }

    /** The Docker host's addresses go into the machine's own namespace: refuse any the machine already routes. */
    private void checkRootRoutes() {
        List<Ipv4Prefix> wanted = new ArrayList<>();
        plan.interfaces().forEach(i -> i.address().ifPresent(a -> wanted.add(Ipv4Prefix.of(a.address(), a.length()))));
        plan.commands().forEach(c -> {
            if (c instanceof RootChange.AddAddress(var text, var dev, Ipv4Interface a)) {
                wanted.add(Ipv4Prefix.of(a.address(), a.length()));
            } else if (c instanceof RootChange.AddRoute r) {
                wanted.add(r.to());
            }
        });
        for (MachineState.RootRoute r : MachineState.rootRoutes(executor)) {
            for (Ipv4Prefix p : wanted) {
                if (p.overlaps(r.destination())) {
                    throw new UnsupportedFeatureException("address clash", "the lab's Docker host would have " + p + " in the machine's own namespace, "
                            + "which already routes " + r.destination() + " (dev " + r.dev() + "): pick other addresses for the lab");
                }
            }
        }
    }

    private void readBack() {
        Map<String, EngineNetwork> networks = new LinkedHashMap<>();
        networks.put(DEFAULT_BRIDGE, network(DEFAULT_BRIDGE, executor.inspectNetwork(DEFAULT_BRIDGE)));
        networkIds.forEach((spec, id) -> networks.put(spec, network(spec, executor.inspectNetwork(id))));
        Map<String, String> specOfEngine = new LinkedHashMap<>();
        specOfEngine.put(DEFAULT_BRIDGE, DEFAULT_BRIDGE);
        plan.networks().forEach(n -> specOfEngine.put(n.name(), n.specName()));
        Map<String, EngineContainer> containers = new LinkedHashMap<>();
        containerIds.forEach((spec, id) -> {
            InspectContainerResponse inspect = executor.inspectContainer(id);
            Map<String, EngineEndpoint> endpoints = new LinkedHashMap<>();
            Map<String, ContainerNetwork> attached = inspect.getNetworkSettings().getNetworks();
            if (attached != null) {
                attached.forEach((engineName, cn) -> {
                    if (specOfEngine.containsKey(engineName) && cn.getIpAddress() != null && !cn.getIpAddress().isEmpty()) {
                        endpoints.put(specOfEngine.get(engineName), new EngineEndpoint(Ipv4Address.parse(cn.getIpAddress()), cn.getIpPrefixLen(),
                                Optional.ofNullable(cn.getMacAddress()).filter(m -> !m.isEmpty()).map(MacAddress::parse),
                                Optional.ofNullable(cn.getGateway()).filter(g -> !g.isEmpty()).map(Ipv4Address::parse)));
                    }
                });
            }
            containers.put(spec, new EngineContainer(spec, id, endpoints));
        });
        engine = new EngineState(networks, containers);
        Map<String, String> bridges = new LinkedHashMap<>();
        networks.values().forEach(n -> n.bridge().ifPresent(b -> bridges.put(b, loweredBridge(n.specName()))));
        List<String> addresses = new ArrayList<>();
        networks.values().stream().filter(n -> !n.specName().equals(DEFAULT_BRIDGE)).forEach(n -> n.subnet().ifPresent(s -> addresses.add(s.toString())));
        containers.values().forEach(c -> c.endpoints().values().forEach(e -> addresses.add(e.address().toString())));
        comparison = new LoweringComparison(lab, topology, plan.dockerHost(), new RuleNames(bridges, addresses));
    }

    private EngineNetwork network(String spec, Network n) {
        Optional<Network.Ipam.Config> ipam = n.getIpam() == null || n.getIpam().getConfig() == null ? Optional.empty()
                : n.getIpam().getConfig().stream().findFirst();
        Optional<String> bridge = Optional.empty();
        if ("bridge".equals(n.getDriver())) {
            bridge = Optional.ofNullable(n.getOptions()).map(o -> o.get("com.docker.network.bridge.name"))
                    .or(() -> Optional.of("br-" + n.getId().substring(0, 12)));
        }
        Optional<Ipv4Address> gateway = ipam.map(Network.Ipam.Config::getGateway).flatMap(Ipv4Address::tryParse);
        if (gateway.isEmpty() && bridge.isPresent()) {
            // Docker 20.10's inspect leaves out a gateway it chose itself (and docker0's): its bridge holds it
            gateway = MachineState.rootAddresses(executor, bridge.get()).stream().findFirst().map(Ipv4Interface::address);
        }
        return new EngineNetwork(spec, n.getId(), bridge, ipam.map(Network.Ipam.Config::getSubnet).flatMap(Ipv4Prefix::tryParse), gateway);
    }

    private String loweredBridge(String specNetwork) {
        if (specNetwork.equals(DEFAULT_BRIDGE)) {
            return DockerNames.DEFAULT_BRIDGE_DEVICE;
        }
        NetworkSpec n = lab.spec().networks().get(specNetwork);
        return n.bridgeName().orElse(DockerNames.bridge(plan.dockerHost(), specNetwork));
    }

    /** What the engine made, read back after start. */
    public EngineState engine() {
        return engine;
    }

    @Override
    public List<LoweringDifference> differencesFromLowering() {
        return comparison.compare(engine, RuleTable.parse(executor.check(MachineCommand.iptablesSaveWithCounters()).stdout()));
    }

    // ---- probes

    @Override
    public synchronized Observation probe(Probe probe) {
        requireOpen();
        Sender sender = sender(probe.from());
        if (probe instanceof Probe.Addressed a) {
            checkTarget(a);
        }
        return switch (probe) {
            case Probe.Ping p -> {
                Map<String, RuleTable> before = counters();
                ProcessResult run = run(sender, argv(sender).ping(p));
                Set<Ipv4Address> own = new HashSet<>(topology.ipsOf(p.from()));
                yield ProbeVerdict.ping(p, run, own, () -> droppedBy(before, counters()));
            }
            case Probe.Tcp t -> {
                Map<String, RuleTable> before = counters();
                ProcessResult run = run(sender, argv(sender).tcp(t));
                yield ProbeVerdict.tcp(t, run, () -> droppedBy(before, counters()));
            }
            case Probe.Udp u -> throw new UnsupportedFeatureException("udp probe", u.describe()
                    + ": the docker backend's probe image (Debian's busybox-static) has no UDP client");
            case Probe.Lookup l -> {
                if (!(sender instanceof Sender.InContainer)) {
                    throw new UnsupportedFeatureException("lookup from a host", l.describe() + ": a lookup from '" + l.from()
                            + "' would use the machine's own resolver; the docker backend looks names up from containers only");
                }
                yield ProbeVerdict.lookup(l, run(sender, argv(sender).lookup(l)));
            }
        };
    }

    /** Where a probe runs. */
    private sealed interface Sender {
        record InContainer(String id) implements Sender {
        }

        record OnMachine() implements Sender {
        }

        record InNamespace(String ns) implements Sender {
        }
    }

    private Sender sender(String ns) {
        if (containerIds.containsKey(ns)) {
            return new Sender.InContainer(containerIds.get(ns));
        }
        if (ns.equals(plan.dockerHost())) {
            return new Sender.OnMachine();
        }
        if (lan.ours(ns)) {
            return new Sender.InNamespace(lan.real(ns));
        }
        throw new NetrigException("probe sender '" + ns + "' is not a container or host of lab '" + topology.name() + "'");
    }

    private ProbeArgv argv(Sender sender) {
        return sender instanceof Sender.InContainer ? ProbeArgv.IN_CONTAINER : ProbeArgv.onMachine(busybox);
    }

    private ProcessResult run(Sender sender, List<String> argv) {
        return switch (sender) {
            case Sender.InContainer(String id) -> executor.exec(id, argv, PROBE_LIMIT);
            case Sender.OnMachine() -> executor.run(new MachineCommand(argv, Optional.empty()), "", PROBE_LIMIT);
            case Sender.InNamespace(String ns) -> executor.run(new MachineCommand(argv, Optional.of(ns)), "", PROBE_LIMIT);
        };
    }

    /** Probes go only to the lab's own addresses: anything else would leave the machine through its own routes. */
    private void checkTarget(Probe.Addressed probe) {
        Ipv4Address to = probe.to();
        boolean lab = to.toString().startsWith("127.") || topology.addresses().stream().map(Address::address).map(Ipv4Interface::address).anyMatch(to::equals)
                || engine.networks().values().stream().anyMatch(n -> n.gateway().filter(to::equals).isPresent());
        if (!lab) {
            throw new UnsupportedFeatureException("probe outside the lab", probe.describe() + ": " + to
                    + " is not an address of the lab; on the docker backend the probe would leave the machine through its own routes");
        }
    }

    private Map<String, RuleTable> counters() {
        Map<String, RuleTable> out = new LinkedHashMap<>();
        out.put(plan.dockerHost(), RuleTable.parse(executor.check(MachineCommand.iptablesSaveWithCounters()).stdout()));
        for (String ns : rulesetNamespaces) {
            out.put(ns, RuleTable.parse(executor.check(MachineCommand.iptablesSaveWithCounters().in(lan.real(ns))).stdout()));
        }
        return out;
    }

    /** The first DROP or REJECT rule (or DROP policy) of the lab whose counter grew, named as the lowering names it. */
    private Optional<RuleRef> droppedBy(Map<String, RuleTable> before, Map<String, RuleTable> after) {
        for (var e : after.entrySet()) {
            String ns = e.getKey();
            RuleTable b = before.get(ns);
            for (var table : e.getValue().tables().entrySet()) {
                for (ChainState chain : table.getValue().values()) {
                    Optional<ChainState> old = b.chain(table.getKey(), chain.name());
                    if (old.isEmpty()) {
                        continue;
                    }
                    for (int i = 0; i < chain.rules().size() && i < old.get().rules().size(); i++) {
                        RuleLine rule = chain.rules().get(i);
                        boolean drops = rule.target().filter(t -> t.equals("DROP") || t.equals("REJECT")).isPresent();
                        if (drops && rule.packets() > old.get().rules().get(i).packets()) {
                            Optional<RuleRef> named = ruleOf(ns, table.getKey(), chain.name(), i, rule.text());
                            if (named.isPresent()) {
                                return named;
                            }
                        }
                    }
                    if (chain.policy().filter("DROP"::equals).isPresent() && chain.policyPackets() > old.get().policyPackets()) {
                        Optional<RuleRef> policy = ns.equals(plan.dockerHost()) ? comparison.loweredPolicy(table.getKey(), chain.name())
                                : Optional.of(new RuleRef(ns, table.getKey(), chain.name(), 0, ":" + chain.name() + " DROP"));
                        if (policy.isPresent()) {
                            return policy;
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Optional<RuleRef> ruleOf(String ns, TableName table, String chain, int index, String text) {
        if (!ns.equals(plan.dockerHost())) {
            return Optional.of(new RuleRef(ns, table, chain, index + 1, text));
        }
        // The machine's dockerd has rules for other networks too: only the lab's rules name a drop, as the lowering has them.
        if (!comparison.loweredRule(table, chain, text).isPresent()) {
            LOG.debug("engine rule {} counted a packet but is not the lab's", text);
        }
        return comparison.loweredRule(table, chain, text);
    }

    @Override
    public Capture capture(LinkRef where, CaptureFilter filter) {
        throw new UnsupportedFeatureException("capture", "the docker backend does not capture packets yet (" + where + ")");
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public void update(Topology next) {
        throw new UnsupportedFeatureException("docker network connect", "the docker backend does not change a running lab yet");
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("docker lab " + names.id() + " is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Process p : listeners) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        List<String> removed = LabRemoval.remove(executor, names);
        LOG.info("docker lab {} closed: removed {} objects", names.id(), removed.size());
    }
}
