package io.netrig.kernel.internal;

import io.netrig.kernel.LabId;
import io.netrig.kernel.exec.IpBatch;
import io.netrig.kernel.exec.Iptables;
import io.netrig.kernel.exec.SysctlWrite;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.net.LinkName;
import io.netrig.model.render.IptablesSave;
import io.netrig.model.topology.Address;
import io.netrig.model.topology.Bridge;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.Link;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Macvlan;
import io.netrig.model.topology.MacvlanMode;
import io.netrig.model.topology.Namespace;
import io.netrig.model.topology.Route;
import io.netrig.model.topology.Sysctl;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands that build a topology, in order: all namespaces with one {@code ip -batch}, all links without a parent
 * with one {@code ip -batch}, then links on a parent (macvlan) with one {@code ip -n PARENT_NS -batch} per parent
 * namespace (every link is created directly in its own namespace), then per namespace one {@code ip -n NS -batch} for
 * interface settings, addresses and routes, one {@code sysctl -w} and one {@code iptables-restore}. A pure function
 * of the topology and the lab id, so it is tested without root.
 */
public record BuildPlan(List<String> namespaces, List<BuildStep> steps) {
    private static final LinkName LOOPBACK = LinkName.of("lo");

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

        IpBatch linkBatch = IpBatch.global();
        Map<String, IpBatch> onParents = new LinkedHashMap<>();
        for (Link link : t.links()) {
            addLink(linkBatch, onParents, link, lab);
        }
        if (!linkBatch.isEmpty()) {
            steps.add(new BuildStep("links", linkBatch.toCommand()));
        }
        onParents.forEach((ns, batch) -> steps.add(new BuildStep("links on parents in " + ns, batch.toCommand())));

        for (Namespace ns : t.namespaces()) {
            steps.add(new BuildStep("interfaces, addresses and routes of " + ns.name(),
                    configure(t, ns.name(), lab.namespace(ns.name())).toCommand()));
        }

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
     * Links without a parent go to the global batch. A link on a parent goes to a batch run in the parent's namespace
     * (ip finds the parent by name only in the namespace it runs in), after the global batch has made every parent;
     * it is still created directly in its own namespace.
     */
    private static void addLink(IpBatch global, Map<String, IpBatch> onParents, Link link, LabId lab) {
        switch (link) {
            case Veth(Iface a, Iface b, var provenance) -> global.vethAdd(a.ref().name(), lab.namespace(a.ref().namespace()),
                    b.ref().name(), lab.namespace(b.ref().namespace()));
            case Bridge(Iface self, var ageing, var provenance) -> global.bridgeAdd(self.ref().name(), lab.namespace(self.ref().namespace()), ageing);
            case Macvlan(Iface self, LinkRef parent, MacvlanMode mode, var provenance) ->
                    onParents.computeIfAbsent(parent.namespace(), ns -> IpBatch.in(lab.namespace(ns)))
                            .macvlanAdd(self.ref().name(), lab.namespace(self.ref().namespace()), parent.name(), mode);
        }
    }

    private static IpBatch configure(Topology t, String ns, String kernelNs) {
        IpBatch b = IpBatch.in(kernelNs);
        b.linkUp(LOOPBACK);
        List<Iface> ifaces = t.ifacesIn(ns);
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
        for (Address a : t.addressesIn(ns)) {
            b.addrAdd(a.ref().name(), a.address());
        }
        for (Route r : t.routesIn(ns)) {
            b.routeAdd(r.destination(), r.via(), r.dev(), r.metric());
        }
        return b;
    }
}
