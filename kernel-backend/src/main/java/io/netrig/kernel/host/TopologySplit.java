package io.netrig.kernel.host;

import io.netrig.kernel.internal.BuildPlan;
import io.netrig.model.NetrigException;
import io.netrig.model.lower.DockerNames;
import io.netrig.model.topology.Address;
import io.netrig.model.topology.Bridge;
import io.netrig.model.topology.Dummy;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.Ipvlan;
import io.netrig.model.topology.Link;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Macvlan;
import io.netrig.model.topology.MacvlanMode;
import io.netrig.model.topology.Namespace;
import io.netrig.model.topology.NamespaceKind;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import io.netrig.model.topology.Vlan;
import io.netrig.model.topology.Vxlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Splits a topology over the machines of a host map. A pure function, tested without root or network.
 * <ul>
 *   <li>Underlay segments ({@link NamespaceKind#SEGMENT} namespaces, the "physical LAN") are not built anywhere: the
 *       real network between the machines is the segment. A host interface that was a port of a segment becomes a
 *       macvlan (bridge mode) child of its machine's NIC for that segment, keeping its name, MAC, MTU and addresses.</li>
 *   <li>Every other namespace belongs to the one host namespace it is joined to by links (veth, macvlan, ipvlan or vlan
 *       parent, a VXLAN's socket namespace), segments left out: a container belongs to the host whose bridge it is
 *       plugged into, an overlay namespace to the node whose VXLAN socket it uses. A namespace joined to no host (a
 *       container with network mode none) goes with the lab's first host. A namespace joined to two hosts other than
 *       through a segment cannot be split and is refused.</li>
 *   <li>Each machine gets the namespaces of its hosts with their links, addresses, routes, neighbour and FDB entries,
 *       sysctls, rulesets, services, aliases, resolver files, load balancers and IPsec associations.</li>
 * </ul>
 */
public final class TopologySplit {
    /** The parent namespace of uplinks: the machine's own namespace, where its NICs are (not a lab namespace). */
    public static final String MACHINE_NAMESPACE = BuildPlan.MACHINE_NAMESPACE;

    /**
     * @param owners topology namespace → the spec host it belongs to (segments have none)
     * @param parts one per machine that runs at least one host, in host map order
     * @param segmentPorts a segment's bridge port → the host interface at its other end (where it is captured)
     */
    public record Split(Map<String, String> owners, List<MachinePart> parts, Map<LinkRef, LinkRef> segmentPorts) {
        public Split {
            owners = Map.copyOf(owners);
            parts = List.copyOf(parts);
            segmentPorts = Map.copyOf(segmentPorts);
        }

        /** The part that runs a topology namespace (for a segment port: the part of the host at its other end). */
        public Optional<MachinePart> partOf(String namespace) {
            String host = owners.get(namespace);
            return host == null ? Optional.empty() : parts.stream().filter(p -> p.hosts().contains(host)).findFirst();
        }
    }

    private TopologySplit() {
    }

    public static Split of(Topology t, HostMap map) {
        Set<String> segments = new LinkedHashSet<>();
        List<String> hosts = new ArrayList<>();
        for (Namespace ns : t.namespaces()) {
            if (ns.kind() == NamespaceKind.SEGMENT) {
                segments.add(ns.name());
            } else if (ns.kind() == NamespaceKind.HOST) {
                hosts.add(ns.name());
            }
        }
        List<String> unmapped = hosts.stream().filter(h -> map.machineOf(h).isEmpty()).toList();
        if (!unmapped.isEmpty()) {
            throw new NetrigException("host map " + map.file() + " does not say which machine runs host" + (unmapped.size() > 1 ? "s " : " ")
                    + String.join(", ", unmapped) + " of lab '" + t.name() + "' (it maps: " + describe(map.hosts()) + "); add them under 'hosts:'");
        }
        if (hosts.isEmpty()) {
            throw new NetrigException("lab '" + t.name() + "' has no host to place on the machines of host map " + map.file());
        }

        // namespaces joined by links, segments left out
        UnionFind groups = new UnionFind();
        t.namespaces().stream().filter(ns -> !segments.contains(ns.name())).forEach(ns -> groups.add(ns.name()));
        Map<LinkRef, LinkRef> segmentPorts = new LinkedHashMap<>();
        Map<LinkRef, String> uplinks = new HashMap<>();   // host iface → segment name
        for (Link link : t.links()) {
            switch (link) {
                case Veth(Iface a, Iface b, var p) -> {
                    boolean aSeg = segments.contains(a.ref().namespace());
                    boolean bSeg = segments.contains(b.ref().namespace());
                    if (aSeg || bSeg) {
                        Iface seg = aSeg ? a : b;
                        Iface other = aSeg ? b : a;
                        if ((aSeg && bSeg) || !hosts.contains(other.ref().namespace())) {
                            throw new NetrigException("lab '" + t.name() + "': " + link.provenance() + " joins segment namespace "
                                    + seg.ref().namespace() + " to " + other.ref().namespace() + ", which is not a host; only hosts"
                                    + " can be placed on the machines of a host map");
                        }
                        segmentPorts.put(seg.ref(), other.ref());
                        uplinks.put(other.ref(), segmentName(seg.ref().namespace()));
                    } else {
                        groups.join(a.ref().namespace(), b.ref().namespace());
                    }
                }
                case Bridge b -> { }
                case Dummy d -> { }
                case Macvlan m -> joinParent(t, groups, segments, m.self(), m.parent());
                case Ipvlan i -> joinParent(t, groups, segments, i.self(), i.parent());
                case Vlan v -> joinParent(t, groups, segments, v.self(), v.parent());
                case Vxlan(Iface self, String underlay, var vni, var port, var local, var learning, var proxy, var p) -> {
                    if (segments.contains(underlay)) {
                        throw new NetrigException("lab '" + t.name() + "': VXLAN " + self.ref() + " has its socket in segment "
                                + underlay + "; only hosts can be placed on machines");
                    }
                    groups.join(self.ref().namespace(), underlay);
                }
            }
        }

        Map<String, String> owners = new LinkedHashMap<>();
        Map<String, List<String>> hostsOfGroup = new HashMap<>();
        for (String h : hosts) {
            hostsOfGroup.computeIfAbsent(groups.find(h), k -> new ArrayList<>()).add(h);
        }
        for (Namespace ns : t.namespaces()) {
            if (segments.contains(ns.name())) {
                continue;
            }
            List<String> joined = hostsOfGroup.getOrDefault(groups.find(ns.name()), List.of());
            if (joined.size() > 1) {
                throw new NetrigException("lab '" + t.name() + "': namespace " + ns.name() + " is joined by links to hosts "
                        + String.join(" and ", joined) + " other than through an underlay segment, so it cannot be placed on one machine");
            }
            owners.put(ns.name(), joined.isEmpty() ? hosts.getFirst() : joined.getFirst());
        }

        List<MachinePart> parts = new ArrayList<>();
        for (Machine m : map.machinesFor(hosts)) {
            List<String> mine = hosts.stream().filter(h -> map.machineOf(h).orElseThrow().equals(m)).toList();
            Set<String> namespaces = new LinkedHashSet<>();
            owners.forEach((ns, host) -> {
                if (mine.contains(host)) {
                    namespaces.add(ns);
                }
            });
            parts.add(new MachinePart(m, mine, part(t, m, namespaces, uplinks)));
        }
        return new Split(owners, parts, segmentPorts);
    }

    private static Topology part(Topology t, Machine m, Set<String> namespaces, Map<LinkRef, String> uplinks) {
        Predicate<String> in = namespaces::contains;
        List<Link> links = new ArrayList<>();
        for (Link link : t.links()) {
            if (link instanceof Veth(Iface a, Iface b, var p) && (uplinks.containsKey(a.ref()) || uplinks.containsKey(b.ref()))) {
                Iface hostIface = uplinks.containsKey(a.ref()) ? a : b;
                if (in.test(hostIface.ref().namespace())) {
                    String nic = m.nicFor(uplinks.get(hostIface.ref()));
                    links.add(new Macvlan(new Iface(hostIface.ref(), hostIface.mac(), hostIface.mtu(), Optional.empty()),
                            new LinkRef(MACHINE_NAMESPACE, io.netrig.model.net.LinkName.of(nic)), MacvlanMode.BRIDGE,
                            Provenance.of(p + ", on machine '" + m.name() + "' a macvlan of its NIC " + nic)));
                }
            } else if (link.ifaces().stream().allMatch(i -> in.test(i.ref().namespace()))) {
                links.add(link);
            }
        }
        return new Topology(t.name(),
                t.namespaces().stream().filter(ns -> in.test(ns.name())).toList(),
                links,
                t.addresses().stream().filter(a -> in.test(a.ref().namespace())).toList(),
                t.routes().stream().filter(r -> in.test(r.namespace())).toList(),
                t.sysctls().stream().filter(s -> in.test(s.namespace())).toList(),
                t.rulesets().stream().filter(r -> in.test(r.namespace())).toList(),
                t.services().stream().filter(s -> in.test(s.namespace())).toList(),
                t.aliases().stream().filter(a -> in.test(a.namespace())).toList(),
                t.resolvers().stream().filter(r -> in.test(r.namespace())).toList(),
                t.fdb().stream().filter(e -> in.test(e.dev().namespace())).toList(),
                t.neighbours().stream().filter(e -> in.test(e.dev().namespace())).toList(),
                t.loadBalancers().stream().filter(lb -> in.test(lb.namespace())).toList(),
                t.ipsec().stream().filter(sa -> in.test(sa.namespace())).toList());
    }

    private static void joinParent(Topology t, UnionFind groups, Set<String> segments, Iface self, LinkRef parent) {
        if (segments.contains(parent.namespace())) {
            throw new NetrigException("lab '" + t.name() + "': " + self.ref() + " has its parent " + parent
                    + " in an underlay segment; only hosts can be placed on machines");
        }
        groups.join(self.ref().namespace(), parent.namespace());
    }

    /** The spec's name of a segment namespace ({@code sw-lan} → {@code lan}). */
    static String segmentName(String namespace) {
        String head = DockerNames.segmentNamespace("");
        return namespace.startsWith(head) ? namespace.substring(head.length()) : namespace;
    }

    private static String describe(Map<String, String> hosts) {
        return hosts.isEmpty() ? "no host" : hosts.entrySet().stream().map(e -> e.getKey() + " → " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Namespace groups joined by links. */
    private static final class UnionFind {
        private final Map<String, String> parent = new HashMap<>();

        void add(String x) {
            parent.putIfAbsent(x, x);
        }

        String find(String x) {
            add(x);
            String root = x;
            while (!parent.get(root).equals(root)) {
                root = parent.get(root);
            }
            parent.put(x, root);
            return root;
        }

        void join(String a, String b) {
            String ra = find(a);
            String rb = find(b);
            if (!ra.equals(rb)) {
                parent.put(ra, rb);
            }
        }
    }
}
