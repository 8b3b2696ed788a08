package io.netrig.docker.internal;

import io.netrig.model.UnsupportedFeatureException;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.render.IptablesSave;
import io.netrig.model.spec.HostSpec;
import io.netrig.model.spec.LabSpec;
import io.netrig.model.topology.Address;
import io.netrig.model.topology.Bridge;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.Link;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Listener;
import io.netrig.model.topology.Namespace;
import io.netrig.model.topology.NamespaceKind;
import io.netrig.model.topology.Route;
import io.netrig.model.topology.Service;
import io.netrig.model.topology.Sysctl;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of a lab that is not Docker's: its LAN segments (a namespace with bridge {@code br0} each) and plain
 * machines (routers, LAN peers, "the internet": a namespace each), made from the lowered topology as the kernel
 * backend makes them, and the Docker host's NICs, which are veths whose one end stays in the machine's own namespace
 * (where dockerd runs: a macvlan network's parent) and whose other end is a port of the segment's bridge. Works out
 * the commands in {@link #plan()} (checked by tests without root); {@link #build} runs them.
 */
public final class LanNetwork {
    private final Topology topology;
    private final LabSpec spec;
    private final DockerPlan plan;
    private final LabNames names;
    private final Map<String, String> rootNames = new LinkedHashMap<>();

    public LanNetwork(Topology topology, LabSpec spec, DockerPlan plan, LabNames names) {
        this.topology = topology;
        this.spec = spec;
        this.plan = plan;
        this.names = names;
        plan.interfaces().forEach(i -> rootNames.put(i.specName(), i.name()));
    }

    /** The commands, in order: namespaces and links made from the machine's namespace, then each lab namespace's own. */
    public record Steps(List<String> namespaces, List<String> rootBatch, Map<String, List<String>> namespaceBatches,
                        List<Sysctl> sysctls, Map<String, String> rulesets, List<Listener> listeners) {
    }

    /** Whether a namespace of the lowering is one this class makes (a segment or a plain machine). */
    public boolean ours(String ns) {
        Optional<Namespace> n = topology.namespace(ns);
        if (n.isEmpty()) {
            return false;
        }
        return switch (n.get().kind()) {
            case SEGMENT -> true;
            case HOST -> Optional.ofNullable(spec.hosts().get(ns)).map(h -> !h.docker()).orElse(false);
            case CONTAINER, OVERLAY -> false;
        };
    }

    /** The real namespace name of a lab namespace. */
    public String real(String ns) {
        return names.namespace(ns);
    }

    public Steps plan() {
        List<String> namespaces = topology.namespaces().stream().map(Namespace::name).filter(this::ours).toList();
        List<String> root = new ArrayList<>();
        Map<String, List<String>> batches = new LinkedHashMap<>();
        namespaces.forEach(ns -> batches.put(ns, new ArrayList<>(List.of("link set lo up"))));
        List<String> refusals = new ArrayList<>();
        for (Link link : topology.links()) {
            List<Iface> ifaces = link.ifaces();
            boolean touchesLab = ifaces.stream().anyMatch(i -> ours(i.ref().namespace()));
            if (!touchesLab) {
                continue;
            }
            switch (link) {
                case Veth(Iface a, Iface b, var p) -> {
                    Optional<String> ra = rootEnd(a);
                    Optional<String> rb = rootEnd(b);
                    if (ra.isPresent() || rb.isPresent()) {
                        Iface lab = ra.isPresent() ? b : a;
                        root.add("link add " + ra.or(() -> rb).get() + " type veth peer name " + lab.ref().name() + " netns " + real(lab.ref().namespace()));
                    } else if (ours(a.ref().namespace()) && ours(b.ref().namespace())) {
                        root.add("link add " + a.ref().name() + " netns " + real(a.ref().namespace()) + " type veth peer name " + b.ref().name()
                                + " netns " + real(b.ref().namespace()));
                    } else {
                        refusals.add(p + ": a veth between " + a.ref() + " and " + b.ref() + " joins a plain machine to a container");
                    }
                }
                case Bridge(Iface self, var ageing, var p) -> batches.get(self.ref().namespace()).add("link add " + self.ref().name()
                        + " type bridge ageing_time " + ageing.toSeconds() * 100);
                default -> refusals.add(link.provenance() + ": the docker backend makes veths and bridges on the LAN, not "
                        + link.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " links");
            }
        }
        if (!refusals.isEmpty()) {
            throw new UnsupportedFeatureException("LAN link", "the docker backend cannot build the LAN of lab '" + spec.name() + "':\n  "
                    + String.join("\n  ", refusals));
        }
        for (String ns : namespaces) {
            List<String> batch = batches.get(ns);
            for (Iface i : topology.ifacesIn(ns)) {
                i.mac().ifPresent(m -> batch.add("link set " + i.ref().name() + " address " + m));
                if (i.mtu() != Iface.DEFAULT_MTU) {
                    batch.add("link set " + i.ref().name() + " mtu " + i.mtu());
                }
                i.port().ifPresent(port -> batch.add("link set " + i.ref().name() + " master " + port.bridge()));
                batch.add("link set " + i.ref().name() + " up");
            }
            for (Address a : topology.addressesIn(ns)) {
                batch.add("addr add " + a.address() + " dev " + a.ref().name());
            }
            for (Route r : topology.routesIn(ns)) {
                batch.add(route(r));
            }
        }
        for (DockerPlan.RootInterface nic : plan.interfaces()) {
            nic.mtu().ifPresent(m -> root.add("link set " + nic.name() + " mtu " + m));
            nic.address().ifPresent(a -> root.add("addr add " + a + " dev " + nic.name()));
            root.add("link set " + nic.name() + " up");
        }
        List<Sysctl> sysctls = topology.sysctls().stream().filter(s -> ours(s.namespace())).toList();
        Map<String, String> rulesets = new LinkedHashMap<>();
        for (Ruleset rs : topology.rulesets()) {
            if (ours(rs.namespace()) && !rs.tables().isEmpty()) {
                rulesets.put(rs.namespace(), IptablesSave.render(rs));
            }
        }
        List<Listener> listeners = new ArrayList<>();
        for (Service s : topology.services()) {
            if (s instanceof Listener l && ours(l.namespace())) {
                if (l.protocol() != IpProtocol.TCP) {
                    throw new UnsupportedFeatureException("udp listener", "host '" + l.namespace() + "' listens on " + l.port() + "/"
                            + l.protocol().iptablesName() + ": the docker backend's listeners are busybox nc, which has no UDP");
                }
                listeners.add(l);
            }
        }
        return new Steps(namespaces, root, batches, sysctls, rulesets, listeners);
    }

    private Optional<String> rootEnd(Iface end) {
        String ns = end.ref().namespace();
        HostSpec host = spec.hosts().get(ns);
        if (host == null || !host.docker() || topology.namespace(ns).map(n -> n.kind() != NamespaceKind.HOST).orElse(true)) {
            return Optional.empty();
        }
        return Optional.ofNullable(rootNames.get(end.ref().name().toString()));
    }

    private static String route(Route r) {
        StringBuilder b = new StringBuilder("route add ").append(r.destination().isDefault() ? "default" : r.destination().toString());
        r.via().ifPresent(v -> b.append(" via ").append(v));
        r.dev().ifPresent(d -> b.append(" dev ").append(d));
        if (r.metric() != 0) {
            b.append(" metric ").append(r.metric());
        }
        r.src().ifPresent(s -> b.append(" src ").append(s));
        return b.toString();
    }

    /** Runs the steps; the caller removes everything by name on failure. Returns the started listener processes. */
    public List<Process> build(Steps steps, DockerExecutor executor, String busybox) {
        for (String ns : steps.namespaces()) {
            executor.check(MachineCommand.addNamespace(real(ns)));
        }
        executor.check(MachineCommand.ipBatch(), String.join("\n", steps.rootBatch()) + "\n");
        for (var e : steps.namespaceBatches().entrySet()) {
            executor.check(MachineCommand.of("ip", "-n", real(e.getKey()), "-batch", "-"), String.join("\n", e.getValue()) + "\n");
        }
        for (Sysctl s : steps.sysctls()) {
            executor.check(MachineCommand.sysctl(s.key(), s.value()).in(real(s.namespace())));
        }
        for (var e : steps.rulesets().entrySet()) {
            executor.check(MachineCommand.iptablesRestore().in(real(e.getKey())), e.getValue());
        }
        List<Process> started = new ArrayList<>();
        for (Listener l : steps.listeners()) {
            started.add(executor.startBackground(MachineCommand.of(busybox, "nc", "-ll", "-p", Integer.toString(l.port()), "-e", "/bin/cat")
                    .in(real(l.namespace()))));
        }
        return started;
    }
}
