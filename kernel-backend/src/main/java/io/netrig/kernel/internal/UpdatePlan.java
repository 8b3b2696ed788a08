package io.netrig.kernel.internal;

import io.netrig.kernel.LabId;
import io.netrig.kernel.exec.BridgeBatch;
import io.netrig.kernel.exec.IpBatch;
import io.netrig.kernel.exec.Iptables;
import io.netrig.kernel.exec.SysctlWrite;
import io.netrig.model.firewall.Chain;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.firewall.Policy;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.firewall.Table;
import io.netrig.model.firewall.TableName;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.LinkName;
import io.netrig.model.render.IptablesSave;
import io.netrig.model.topology.Address;
import io.netrig.model.topology.Bridge;
import io.netrig.model.topology.DnsServer;
import io.netrig.model.topology.Dummy;
import io.netrig.model.topology.FdbEntry;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.Ipvlan;
import io.netrig.model.topology.Link;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Listener;
import io.netrig.model.topology.Macvlan;
import io.netrig.model.topology.Namespace;
import io.netrig.model.topology.NeighbourEntry;
import io.netrig.model.topology.PortProxy;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.Route;
import io.netrig.model.topology.Service;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import io.netrig.model.topology.Vlan;
import io.netrig.model.topology.Vxlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link KernelLab#update} does to turn a running lab of topology {@code old} into {@code next}: a pure function
 * of the two topologies and the lab id, tested without root. Objects are compared without their provenance (a new
 * explanation of the same object changes nothing in the kernel).
 * <ul>
 * <li><b>Links</b> in {@code old} but not in {@code next} (or changed in any way: a changed MAC, MTU or bridge port is a
 *     new link) are deleted; so are, in the kernel's eyes, the macvlan/ipvlan/vlan children of a deleted parent, which
 *     are then created again if {@code next} still has them. A link is deleted explicitly only if nothing deletes it
 *     implicitly (its namespace going, its veth peer's namespace going, its parent going).</li>
 * <li><b>Routes</b> of a surviving namespace are replaced as a whole (all old ones deleted first, all new ones added
 *     last) when its routes, addresses or interfaces changed: a route's fate then never depends on the order in
 *     which the kernel flushes routes of a vanishing device or subnet.</li>
 *     A VXLAN device whose underlay namespace goes is gone too (the kernel would delete it with that namespace, later
 *     and asynchronously); it is deleted explicitly when its own namespace stays.</li>
 * <li><b>Addresses</b> gone from surviving links are deleted; new ones, and all of a new link's, are added.</li>
 * <li><b>FDB and neighbour entries</b> gone from surviving devices are deleted; new ones, and all of a re-made device's
 *     (deleting a device flushes them), are added once the links are configured.</li>
 * <li><b>Sysctls</b> whose value is new are written (a sysctl {@code next} no longer names keeps its value: the model
 *     does not say what the kernel's default was).</li>
 * <li><b>Rulesets</b> that changed are replaced whole with {@code iptables-restore}; a table {@code old} had and
 *     {@code next} lacks is restored empty (ACCEPT policies, no rules), since iptables-restore flushes only the tables
 *     it is given.</li>
 * <li><b>Services</b> whose socket set changed (any field, a DNS server's records, or for a wildcard UDP socket its
 *     namespace's addresses) are stopped before the kernel changes and started after.</li>
 * <li><b>Resolver files</b> whose text changed, and those of new namespaces, are written; those of gone namespaces
 *     removed.</li>
 * </ul>
 * Teardown runs first (route deletions, address deletions, link deletions, namespace deletions), then the build
 * (namespaces, links, interface settings, addresses, routes, sysctls, rules), each grouped into one process per phase
 * and namespace as {@link BuildPlan} does.
 */
public record UpdatePlan(List<String> addedNamespaces, List<String> removedNamespaces, List<Link> deletedLinks,
                         List<Link> createdLinks, List<Service> stoppedServices, List<Service> startedServices,
                         List<String> resolverWrites, List<LinkRef> goneIfaces, List<BuildStep> teardown, List<BuildStep> build) {
    private static final Provenance NONE = Provenance.of("");
    private static final LinkName LOOPBACK = LinkName.of("lo");

    public UpdatePlan {
        addedNamespaces = List.copyOf(addedNamespaces);
        removedNamespaces = List.copyOf(removedNamespaces);
        deletedLinks = List.copyOf(deletedLinks);
        createdLinks = List.copyOf(createdLinks);
        stoppedServices = List.copyOf(stoppedServices);
        startedServices = List.copyOf(startedServices);
        resolverWrites = List.copyOf(resolverWrites);
        goneIfaces = List.copyOf(goneIfaces);
        teardown = List.copyOf(teardown);
        build = List.copyOf(build);
    }

    /** Whether there is nothing to do. */
    public boolean isEmpty() {
        return teardown.isEmpty() && build.isEmpty() && stoppedServices.isEmpty() && startedServices.isEmpty()
                && resolverWrites.isEmpty() && removedNamespaces.isEmpty();
    }

    public static UpdatePlan of(Topology old, Topology next, LabId lab) {
        Set<String> oldNs = names(old);
        Set<String> nextNs = names(next);
        List<String> added = next.namespaces().stream().map(Namespace::name).filter(n -> !oldNs.contains(n)).toList();
        List<String> removed = old.namespaces().stream().map(Namespace::name).filter(n -> !nextNs.contains(n)).toList();
        Set<String> removedSet = new HashSet<>(removed);

        // links: which go (by shape), then the children of gone parents, which the kernel takes with them
        Set<Link> nextShapes = new HashSet<>(next.links().stream().map(UpdatePlan::shape).toList());
        Set<Link> oldShapes = new HashSet<>(old.links().stream().map(UpdatePlan::shape).toList());
        Set<LinkRef> goneRefs = new LinkedHashSet<>();
        List<Link> gone = new ArrayList<>();
        for (Link l : old.links()) {
            if (!nextShapes.contains(shape(l)) || l.ifaces().stream().anyMatch(i -> removedSet.contains(i.ref().namespace()))
                    || l instanceof Vxlan x && removedSet.contains(x.underlay())) {
                gone.add(l);
                l.ifaces().forEach(i -> goneRefs.add(i.ref()));
            }
        }
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Link l : old.links()) {
                if (!gone.contains(l) && l.stackedOn().filter(goneRefs::contains).isPresent()) {
                    gone.add(l);
                    l.ifaces().forEach(i -> goneRefs.add(i.ref()));
                    grew = true;
                }
            }
        }
        Set<Link> goneShapes = new HashSet<>(gone.stream().map(UpdatePlan::shape).toList());
        List<Link> created = next.links().stream().filter(l -> !oldShapes.contains(shape(l)) || goneShapes.contains(shape(l))).toList();
        Set<LinkRef> createdRefs = new HashSet<>();
        created.forEach(l -> l.ifaces().forEach(i -> createdRefs.add(i.ref())));

        List<BuildStep> teardown = new ArrayList<>();
        List<BuildStep> build = new ArrayList<>();

        // routes of surviving namespaces whose routes, addresses or interfaces changed are replaced whole
        Set<String> routesReplaced = new LinkedHashSet<>();
        for (Namespace ns : next.namespaces()) {
            String n = ns.name();
            if (oldNs.contains(n) && (!routeKeys(old, n).equals(routeKeys(next, n)) || !addressKeys(old, n).equals(addressKeys(next, n))
                    || goneRefs.stream().anyMatch(r -> r.namespace().equals(n)) || createdRefs.stream().anyMatch(r -> r.namespace().equals(n)))) {
                routesReplaced.add(n);
            }
        }
        Map<String, IpBatch> before = new LinkedHashMap<>();
        for (String n : routesReplaced) {
            old.routesIn(n).forEach(r -> BuildPlan.deleteRoute(batch(before, n, lab), r));
        }
        Set<String> nextAddressKeys = new HashSet<>();
        next.addresses().forEach(a -> nextAddressKeys.add(addressKey(a)));
        for (Address a : old.addresses()) {
            if (!removedSet.contains(a.ref().namespace()) && !goneRefs.contains(a.ref()) && !nextAddressKeys.contains(addressKey(a))) {
                batch(before, a.ref().namespace(), lab).addrDelete(a.ref().name(), a.address());
            }
        }
        Set<NeighbourEntry> nextNeighbours = new HashSet<>(next.neighbours().stream().map(UpdatePlan::bare).toList());
        Set<NeighbourEntry> oldNeighbours = new HashSet<>(old.neighbours().stream().map(UpdatePlan::bare).toList());
        for (NeighbourEntry e : old.neighbours()) {
            if (!nextNeighbours.contains(bare(e)) && survives(e.dev(), removedSet, goneRefs)) {
                batch(before, e.dev().namespace(), lab).neighDelete(e.dev().name(), e.address());
            }
        }
        Set<FdbEntry> nextFdb = new HashSet<>(next.fdb().stream().map(UpdatePlan::bare).toList());
        Set<FdbEntry> oldFdb = new HashSet<>(old.fdb().stream().map(UpdatePlan::bare).toList());
        Map<String, BridgeBatch> fdbGone = new LinkedHashMap<>();
        for (FdbEntry e : old.fdb()) {
            if (!nextFdb.contains(bare(e)) && survives(e.dev(), removedSet, goneRefs)) {
                fdbGone.computeIfAbsent(e.dev().namespace(), n -> BridgeBatch.in(lab.namespace(n))).fdbDelete(e.mac(), e.dev().name(), e.remote());
            }
        }
        fdbGone.forEach((n, b) -> teardown.add(new BuildStep("FDB entries removed in " + n, b.toCommand())));
        List<Link> deleted = new ArrayList<>();
        for (Link l : gone) {
            explicitDeletion(l, removedSet, goneRefs).ifPresent(ref -> {
                batch(before, ref.namespace(), lab).linkDelete(ref.name());
                deleted.add(l);
            });
        }
        before.forEach((n, b) -> teardown.add(new BuildStep("routes, addresses and links removed in " + n, b.toCommand())));
        if (!removed.isEmpty()) {
            IpBatch del = IpBatch.global();
            removed.forEach(n -> del.netnsDelete(lab.namespace(n)));
            teardown.add(new BuildStep("namespaces removed", del.toCommand()));
        }

        if (!added.isEmpty()) {
            IpBatch add = IpBatch.global();
            added.forEach(n -> add.netnsAdd(lab.namespace(n)));
            build.add(new BuildStep("namespaces added", add.toCommand()));
        }
        build.addAll(BuildPlan.linkSteps(created, lab).stream()
                .map(s -> new BuildStep(s.phase().replace("links", "links added"), s.command())).toList());
        Set<LinkName> recreatedBridges = new HashSet<>();
        Set<String> oldAddressKeys = new HashSet<>();
        old.addresses().forEach(a -> oldAddressKeys.add(addressKey(a)));
        for (Namespace ns : next.namespaces()) {
            String n = ns.name();
            boolean fresh = !oldNs.contains(n);
            IpBatch b = IpBatch.in(lab.namespace(n));
            if (fresh) {
                b.linkUp(LOOPBACK);
            }
            recreatedBridges.clear();
            created.stream().filter(l -> l instanceof Bridge br && br.self().ref().namespace().equals(n))
                    .forEach(l -> recreatedBridges.add(((Bridge) l).self().ref().name()));
            List<Iface> ifaces = next.ifacesIn(n).stream().filter(i -> createdRefs.contains(i.ref())
                    || i.port().filter(p -> recreatedBridges.contains(p.bridge())).isPresent()).toList();
            BuildPlan.configureIfaces(b, ifaces);
            for (Address a : next.addressesIn(n)) {
                if (createdRefs.contains(a.ref()) || !oldAddressKeys.contains(addressKey(a))) {
                    b.addrAdd(a.ref().name(), a.address());
                }
            }
            if (fresh || routesReplaced.contains(n)) {
                next.routesIn(n).forEach(r -> BuildPlan.addRoute(b, r));
            }
            next.neighboursIn(n).stream().filter(e -> createdRefs.contains(e.dev()) || !oldNeighbours.contains(bare(e)))
                    .forEach(e -> BuildPlan.addNeighbour(b, e));
            if (!b.isEmpty()) {
                build.add(new BuildStep("interfaces, addresses and routes of " + n, b.toCommand()));
            }
        }
        build.addAll(BuildPlan.fdbSteps(next.fdb().stream().filter(e -> createdRefs.contains(e.dev()) || !oldFdb.contains(bare(e))).toList(),
                lab, "FDB entries added in "));
        Map<String, Map<String, String>> sysctls = new LinkedHashMap<>();
        next.sysctls().forEach(s -> {
            if (!old.sysctl(s.namespace(), s.key()).equals(Optional.of(s.value())) || !oldNs.contains(s.namespace())) {
                sysctls.computeIfAbsent(s.namespace(), k -> new LinkedHashMap<>()).put(s.key(), s.value());
            }
        });
        sysctls.forEach((n, settings) -> build.add(new BuildStep("sysctls of " + n, SysctlWrite.of(lab.namespace(n), settings))));
        for (Namespace ns : next.namespaces()) {
            String n = ns.name();
            Optional<String> was = oldNs.contains(n) ? old.ruleset(n).map(IptablesSave::render) : Optional.empty();
            Optional<Ruleset> wanted = next.ruleset(n);
            Optional<Ruleset> restore = wanted.map(rs -> withEmptyTablesOf(rs, old.ruleset(n)));
            if (wanted.isEmpty() && was.isPresent()) {
                restore = Optional.of(withEmptyTablesOf(new Ruleset(n, List.of()), old.ruleset(n)));
            }
            if (restore.isPresent() && !was.equals(wanted.map(IptablesSave::render))) {
                build.add(new BuildStep("iptables of " + n, Iptables.restore(lab.namespace(n), IptablesSave.render(restore.get()))));
            }
        }

        // services: keyed by what their sockets are
        Set<Object> nextKeys = new HashSet<>(next.services().stream().map(s -> serviceKey(s, next)).toList());
        Set<Object> oldKeys = new HashSet<>(old.services().stream().map(s -> serviceKey(s, old)).toList());
        List<Service> stopped = old.services().stream().filter(s -> !nextKeys.contains(serviceKey(s, old))).toList();
        List<Service> started = next.services().stream().filter(s -> !oldKeys.contains(serviceKey(s, next))).toList();

        List<String> resolverWrites = next.namespaces().stream().map(Namespace::name)
                .filter(n -> !oldNs.contains(n) || !ResolverFiles.Texts.of(old, n).equals(ResolverFiles.Texts.of(next, n))).toList();
        return new UpdatePlan(added, removed, deleted, created, stopped, started, resolverWrites, List.copyOf(goneRefs), teardown, build);
    }

    /**
     * The interface whose deletion removes a gone link, unless something else removes it: its namespace (or, for a
     * veth, either end's) being deleted, or its parent going.
     */
    private static Optional<LinkRef> explicitDeletion(Link l, Set<String> removedNamespaces, Set<LinkRef> goneRefs) {
        if (l.ifaces().stream().anyMatch(i -> removedNamespaces.contains(i.ref().namespace()))) {
            return Optional.empty();
        }
        if (l.stackedOn().filter(goneRefs::contains).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(l.ifaces().getFirst().ref());
    }

    /** Whether a device of the old topology is still there after the teardown (its namespace and link stay). */
    private static boolean survives(LinkRef dev, Set<String> removedNamespaces, Set<LinkRef> goneRefs) {
        return !removedNamespaces.contains(dev.namespace()) && !goneRefs.contains(dev);
    }

    private static NeighbourEntry bare(NeighbourEntry e) {
        return new NeighbourEntry(e.dev(), e.address(), e.mac(), NONE);
    }

    private static FdbEntry bare(FdbEntry e) {
        return new FdbEntry(e.dev(), e.mac(), e.remote(), NONE);
    }

    /** The link without its provenance: what the kernel sees. */
    static Link shape(Link l) {
        return switch (l) {
            case Veth(Iface a, Iface b, var p) -> new Veth(a, b, NONE);
            case Bridge(Iface self, var ageing, var p) -> new Bridge(self, ageing, NONE);
            case Macvlan(Iface self, LinkRef parent, var mode, var p) -> new Macvlan(self, parent, mode, NONE);
            case Ipvlan(Iface self, LinkRef parent, var mode, var p) -> new Ipvlan(self, parent, mode, NONE);
            case Vlan(Iface self, LinkRef parent, int id, var p) -> new Vlan(self, parent, id, NONE);
            case Dummy(Iface self, var p) -> new Dummy(self, NONE);
            case Vxlan(Iface self, String underlay, int vni, int port, var local, boolean learning, boolean proxy, var p) ->
                    new Vxlan(self, underlay, vni, port, local, learning, proxy, NONE);
        };
    }

    /**
     * What identifies a running service: the service without its provenance, and for a socket bound to every
     * address of a UDP namespace its namespace's addresses (it binds one more socket on each of them).
     */
    static Object serviceKey(Service s, Topology t) {
        Service bare = switch (s) {
            case Listener l -> new Listener(l.namespace(), l.protocol(), l.address(), l.port(), NONE);
            case PortProxy p -> new PortProxy(p.namespace(), p.protocol(), p.address(), p.port(), p.target(), p.targetPort(), NONE);
            case DnsServer d -> new DnsServer(d.namespace(), d.address(), d.port(), d.records(), NONE);
        };
        boolean perAddress = s.protocol() == IpProtocol.UDP && s.address().equals(Ipv4Address.ANY) && !(s instanceof PortProxy);
        return List.of(bare, perAddress ? t.ipsOf(s.namespace()) : List.of());
    }

    private static String addressKey(Address a) {
        return a.ref() + "|" + a.address();
    }

    private static Set<String> addressKeys(Topology t, String ns) {
        Set<String> out = new HashSet<>();
        t.addressesIn(ns).forEach(a -> out.add(addressKey(a)));
        return out;
    }

    private static List<Route> routeKeys(Topology t, String ns) {
        return t.routesIn(ns).stream().map(r -> new Route(r.namespace(), r.destination(), r.via(), r.dev(), r.metric(), r.src(), NONE)).toList();
    }

    /** {@code rs} plus, for every table {@code old} has and {@code rs} lacks, that table with ACCEPT policies and no rules. */
    static Ruleset withEmptyTablesOf(Ruleset rs, Optional<Ruleset> old) {
        List<Table> tables = new ArrayList<>(rs.tables());
        old.ifPresent(o -> o.tables().stream().map(Table::name).filter(name -> rs.table(name).isEmpty())
                .forEach(name -> tables.add(emptyTable(name))));
        return new Ruleset(rs.namespace(), tables);
    }

    private static Table emptyTable(TableName name) {
        return new Table(name, name.builtinChains().stream().map(c -> new Chain(c, Optional.of(Policy.ACCEPT), List.of())).toList());
    }

    private static IpBatch batch(Map<String, IpBatch> batches, String ns, LabId lab) {
        return batches.computeIfAbsent(ns, n -> IpBatch.in(lab.namespace(n)));
    }

    private static Set<String> names(Topology t) {
        Set<String> out = new LinkedHashSet<>();
        t.namespaces().forEach(n -> out.add(n.name()));
        return out;
    }

    /** Used by messages: {@code veth c1:eth1 <-> host:veth9}. */
    static String describe(Link l) {
        return switch (l) {
            case Veth v -> "veth " + v.a().ref() + " <-> " + v.b().ref();
            case Bridge b -> "bridge " + b.self().ref();
            case Macvlan m -> "macvlan " + m.self().ref();
            case Ipvlan i -> "ipvlan " + i.self().ref();
            case Vlan v -> "vlan " + v.self().ref();
            case Dummy d -> "dummy " + d.self().ref();
            case Vxlan x -> "vxlan " + x.self().ref();
        };
    }
}
