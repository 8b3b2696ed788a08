package io.netrig.kernel.internal;

import io.netrig.kernel.LabId;
import io.netrig.kernel.exec.BridgeBatch;
import io.netrig.kernel.exec.IpBatch;
import io.netrig.kernel.exec.Iptables;
import io.netrig.kernel.exec.SysctlWrite;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.net.LinkName;
import io.netrig.model.render.IptablesSave;
import io.netrig.model.topology.Bridge;
import io.netrig.model.topology.Dummy;
import io.netrig.model.topology.FdbEntry;
import io.netrig.model.topology.Ipvlan;
import io.netrig.model.topology.IpvlanMode;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.Link;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Macvlan;
import io.netrig.model.topology.MacvlanMode;
import io.netrig.model.topology.Namespace;
import io.netrig.model.topology.NeighbourEntry;
import io.netrig.model.topology.Route;
import io.netrig.model.topology.Sysctl;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import io.netrig.model.topology.Vlan;
import io.netrig.model.topology.Vxlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands that build a topology, in order: all namespaces with one {@code ip -batch}, all links without a parent
 * with one {@code ip -batch}, then links on a parent (vlan, then macvlan and ipvlan) with one {@code ip -n PARENT_NS -batch} per parent
 * namespace (every link is created directly in its own namespace), VXLAN devices with one {@code ip -n UNDERLAY -batch}
 * per namespace holding their sockets, then per namespace one {@code ip -n NS -batch} for interface settings,
 * addresses, routes and permanent neighbour entries, one {@code bridge -n NS -batch} for VXLAN FDB entries, one
 * {@code sysctl -w} and one {@code iptables-restore}. A pure function of the topology and the lab id, so it is tested
 * without root.
 */
public record BuildPlan(List<String> namespaces, List<BuildStep> steps) {
    private static final LinkName LOOPBACK = LinkName.of("lo");
    /**
     * The parent namespace of a remote machine's uplinks ({@code host.TopologySplit}): the machine's own namespace,
     * where its NICs are. A link on such a parent is made by an {@code ip -batch} run there, straight into its lab
     * namespace; nothing else is ever made in it. Not a valid namespace name, so no lab namespace can be called so.
     */
    public static final String MACHINE_NAMESPACE = "@machine";

    public BuildPlan {
        namespaces = List.copyOf(namespaces);
        steps = List.copyOf(steps);
    }

    public static BuildPlan of(Topology t, LabId lab) {
        List<String> kernelNamespaces = t.namespaces().stream().map(ns -> lab.namespace(ns.name())).toList();
        List<BuildStep> steps = new ArrayList<>();

        IpBatch nsBatch = IpBatch.global();
        kernelNamespaces.forEach(nsBatch::netnsAdd);
        if (!nsBatch.isEmpty()) {
            steps.add(new BuildStep("namespaces", nsBatch.toCommand()));
        }

        steps.addAll(linkSteps(t.links(), lab));

        for (Namespace ns : t.namespaces()) {
            steps.add(new BuildStep("interfaces, addresses and routes of " + ns.name(),
                    configure(t, ns.name(), lab.namespace(ns.name())).toCommand()));
        }
        steps.addAll(fdbSteps(t.fdb(), lab, "FDB entries of "));

        // sysctls before iptables: bridge-nf-call-iptables decides what the rules will see
        Map<String, Map<String, String>> sysctls = new LinkedHashMap<>();
        for (Sysctl s : t.sysctls()) {
            sysctls.computeIfAbsent(s.namespace(), k -> new LinkedHashMap<>()).put(s.key(), s.value());
        }
        sysctls.forEach((ns, settings) -> steps.add(new BuildStep("sysctls of " + ns, SysctlWrite.of(lab.namespace(ns), settings))));

        for (Ruleset rs : t.rulesets()) {
            steps.add(new BuildStep("iptables of " + rs.namespace(), Iptables.restore(lab.namespace(rs.namespace()), IptablesSave.render(rs))));
        }
        return new BuildPlan(kernelNamespaces, steps);
    }

    /**
     * The commands that create {@code links}: one global {@code ip -batch} for links without a parent (veth, bridge,
     * dummy), then one {@code ip -n PARENT_NS -batch} per namespace holding parents (ip finds a parent by name only in
     * the namespace it runs in), VLANs first (they may themselves be parents of macvlan or ipvlan children), then one
     * {@code ip -n UNDERLAY -batch} per namespace holding VXLAN sockets. Every link is created directly in its own
     * namespace.
     */
    static List<BuildStep> linkSteps(List<Link> links, LabId lab) {
        List<BuildStep> steps = new ArrayList<>();
        IpBatch global = IpBatch.global();
        Map<String, IpBatch> onParents = new LinkedHashMap<>();
        Map<String, IpBatch> underlays = new LinkedHashMap<>();
        for (Link link : links) {
            if (link instanceof Vlan(Iface self, LinkRef parent, int vlanId, var provenance)) {
                onParents.computeIfAbsent(parent.namespace(), ns -> parentBatch(ns, lab)).vlanAdd(self.ref().name(), parent.name(), vlanId);
            }
        }
        for (Link link : links) {
            switch (link) {
                case Veth(Iface a, Iface b, var provenance) -> global.vethAdd(a.ref().name(), lab.namespace(a.ref().namespace()),
                        b.ref().name(), lab.namespace(b.ref().namespace()));
                case Bridge(Iface self, var ageing, var provenance) -> global.bridgeAdd(self.ref().name(), lab.namespace(self.ref().namespace()), ageing);
                case Dummy(Iface self, var provenance) -> global.dummyAdd(self.ref().name(), lab.namespace(self.ref().namespace()));
                case Vxlan(Iface self, String underlay, int vni, int port, var local, boolean learning, boolean proxy, var provenance) ->
                        underlays.computeIfAbsent(underlay, ns -> IpBatch.in(lab.namespace(ns)))
                                .vxlanAdd(self.ref().name(), lab.namespace(self.ref().namespace()), vni, port, local, learning, proxy);
                case Macvlan(Iface self, LinkRef parent, MacvlanMode mode, var provenance) ->
                        onParents.computeIfAbsent(parent.namespace(), ns -> parentBatch(ns, lab))
                                .macvlanAdd(self.ref().name(), lab.namespace(self.ref().namespace()), parent.name(), mode);
                case Ipvlan(Iface self, LinkRef parent, IpvlanMode mode, var provenance) ->
                        onParents.computeIfAbsent(parent.namespace(), ns -> parentBatch(ns, lab))
                                .ipvlanAdd(self.ref().name(), lab.namespace(self.ref().namespace()), parent.name(), mode);
                case Vlan v -> { }   // made above, before the children that may sit on it
            }
        }
        if (!global.isEmpty()) {
            steps.add(new BuildStep("links", global.toCommand()));
        }
        onParents.forEach((ns, batch) -> steps.add(new BuildStep("links on parents in " + ns, batch.toCommand())));
        underlays.forEach((ns, batch) -> steps.add(new BuildStep("vxlan links with sockets in " + ns, batch.toCommand())));
        return steps;
    }

    private static IpBatch parentBatch(String ns, LabId lab) {
        return ns.equals(MACHINE_NAMESPACE) ? IpBatch.global() : IpBatch.in(lab.namespace(ns));
    }

    /** One {@code bridge -n NS -batch} per namespace appending {@code entries}, in topology order of namespaces met. */
    static List<BuildStep> fdbSteps(List<FdbEntry> entries, LabId lab, String phase) {
        Map<String, BridgeBatch> batches = new LinkedHashMap<>();
        for (FdbEntry e : entries) {
            batches.computeIfAbsent(e.dev().namespace(), ns -> BridgeBatch.in(lab.namespace(ns))).fdbAppend(e.mac(), e.dev().name(), e.remote());
        }
        List<BuildStep> steps = new ArrayList<>();
        batches.forEach((ns, batch) -> steps.add(new BuildStep(phase + ns, batch.toCommand())));
        return steps;
    }

    static void addNeighbour(IpBatch b, NeighbourEntry e) {
        b.neighAdd(e.dev().name(), e.address(), e.mac());
    }

    private static IpBatch configure(Topology t, String ns, String kernelNs) {
        IpBatch b = IpBatch.in(kernelNs);
        b.linkUp(LOOPBACK);
        configureIfaces(b, t.ifacesIn(ns));
        t.addressesIn(ns).forEach(a -> b.addrAdd(a.ref().name(), a.address()));
        t.routesIn(ns).forEach(r -> addRoute(b, r));
        // after the links are up: a neighbour entry needs its device, and a device going down would flush it
        t.neighboursIn(ns).forEach(e -> addNeighbour(b, e));
        return b;
    }

    /** MAC, MTU, bridge membership and port flags, then up, for each of {@code ifaces} (all of one namespace). */
    static void configureIfaces(IpBatch b, List<Iface> ifaces) {
        for (Iface i : ifaces) {
            i.mac().ifPresent(mac -> b.linkMac(i.ref().name(), mac));
            if (i.mtu() != Iface.DEFAULT_MTU) {
                b.linkMtu(i.ref().name(), i.mtu());
            }
        }
        for (Iface i : ifaces) {
            i.port().ifPresent(port -> {
                b.linkMaster(i.ref().name(), port.bridge());
                // flags only exist once the link is a port, and default to off: set them only when asked
                if (port.hairpin() || port.isolated()) {
                    b.bridgePortFlags(i.ref().name(), port.hairpin(), port.isolated());
                }
            });
        }
        ifaces.forEach(i -> b.linkUp(i.ref().name()));
    }

    static void addRoute(IpBatch b, Route r) {
        b.routeAdd(r.destination(), r.via(), r.dev(), r.metric(), r.src());
    }

    static void deleteRoute(IpBatch b, Route r) {
        b.routeDelete(r.destination(), r.via(), r.dev(), r.metric());
    }
}
