package io.netrig.model.topology;

import io.netrig.model.Problem;
import io.netrig.model.SourceLocation;
import io.netrig.model.SpecException;
import io.netrig.model.firewall.Chain;
import io.netrig.model.firewall.Rule;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.firewall.Table;
import io.netrig.model.firewall.Target;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.net.LinkName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The kernel-level lab: namespaces, links, addresses, routes, sysctls and firewall rulesets, each with its
 * provenance. Immutable and self-consistent: {@link Builder#build()} rejects dangling references.
 * Both backends take this same value.
 */
public record Topology(String name, List<Namespace> namespaces, List<Link> links, List<Address> addresses,
                       List<Route> routes, List<Sysctl> sysctls, List<Ruleset> rulesets, List<Service> services,
                       List<NamespaceAlias> aliases, List<ResolverConfig> resolvers, List<FdbEntry> fdb,
                       List<NeighbourEntry> neighbours, List<LoadBalancer> loadBalancers, List<IpsecAssociation> ipsec) {

    public Topology {
        Objects.requireNonNull(name, "name");
        namespaces = List.copyOf(namespaces);
        links = List.copyOf(links);
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
        sysctls = List.copyOf(sysctls);
        rulesets = List.copyOf(rulesets);
        services = List.copyOf(services);
        aliases = List.copyOf(aliases);
        resolvers = List.copyOf(resolvers);
        fdb = List.copyOf(fdb);
        neighbours = List.copyOf(neighbours);
        loadBalancers = List.copyOf(loadBalancers);
        ipsec = List.copyOf(ipsec);
    }

    /** A topology without IPsec. */
    public Topology(String name, List<Namespace> namespaces, List<Link> links, List<Address> addresses,
                    List<Route> routes, List<Sysctl> sysctls, List<Ruleset> rulesets, List<Service> services,
                    List<NamespaceAlias> aliases, List<ResolverConfig> resolvers, List<FdbEntry> fdb,
                    List<NeighbourEntry> neighbours, List<LoadBalancer> loadBalancers) {
        this(name, namespaces, links, addresses, routes, sysctls, rulesets, services, aliases, resolvers, fdb, neighbours, loadBalancers,
                List.of());
    }

    /** A topology without load balancers. */
    public Topology(String name, List<Namespace> namespaces, List<Link> links, List<Address> addresses,
                    List<Route> routes, List<Sysctl> sysctls, List<Ruleset> rulesets, List<Service> services,
                    List<NamespaceAlias> aliases, List<ResolverConfig> resolvers, List<FdbEntry> fdb,
                    List<NeighbourEntry> neighbours) {
        this(name, namespaces, links, addresses, routes, sysctls, rulesets, services, aliases, resolvers, fdb, neighbours, List.of());
    }

    /** A topology without static FDB or neighbour entries. */
    public Topology(String name, List<Namespace> namespaces, List<Link> links, List<Address> addresses,
                    List<Route> routes, List<Sysctl> sysctls, List<Ruleset> rulesets, List<Service> services,
                    List<NamespaceAlias> aliases, List<ResolverConfig> resolvers) {
        this(name, namespaces, links, addresses, routes, sysctls, rulesets, services, aliases, resolvers, List.of(), List.of());
    }

    /** A topology without name resolution configuration. */
    public Topology(String name, List<Namespace> namespaces, List<Link> links, List<Address> addresses,
                    List<Route> routes, List<Sysctl> sysctls, List<Ruleset> rulesets, List<Service> services,
                    List<NamespaceAlias> aliases) {
        this(name, namespaces, links, addresses, routes, sysctls, rulesets, services, aliases, List.of());
    }

    /** A topology without sockets or aliases (kernel objects only). */
    public Topology(String name, List<Namespace> namespaces, List<Link> links, List<Address> addresses,
                    List<Route> routes, List<Sysctl> sysctls, List<Ruleset> rulesets) {
        this(name, namespaces, links, addresses, routes, sysctls, rulesets, List.of(), List.of(), List.of());
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public Optional<Namespace> namespace(String nsName) {
        return namespaces.stream().filter(n -> n.name().equals(nsName)).findFirst();
    }

    /** Every interface of the lab, in link order. */
    public Stream<Iface> ifaces() {
        return links.stream().flatMap(l -> l.ifaces().stream());
    }

    public Optional<Iface> iface(LinkRef ref) {
        return ifaces().filter(i -> i.ref().equals(ref)).findFirst();
    }

    public List<Iface> ifacesIn(String nsName) {
        return ifaces().filter(i -> i.ref().namespace().equals(nsName)).toList();
    }

    public List<Address> addressesIn(String nsName) {
        return addresses.stream().filter(a -> a.ref().namespace().equals(nsName)).toList();
    }

    public List<Route> routesIn(String nsName) {
        return routes.stream().filter(r -> r.namespace().equals(nsName)).toList();
    }

    public Optional<Ruleset> ruleset(String nsName) {
        return rulesets.stream().filter(r -> r.namespace().equals(nsName)).findFirst();
    }

    public List<Service> servicesIn(String nsName) {
        return services.stream().filter(s -> s.namespace().equals(nsName)).toList();
    }

    /**
     * The namespace a host or container name runs in: its own, or for an {@link NamespaceAlias alias} (a container in
     * host or container mode) the one it shares.
     */
    public Optional<String> namespaceOf(String name) {
        if (namespace(name).isPresent()) {
            return Optional.of(name);
        }
        return aliases.stream().filter(a -> a.name().equals(name)).map(NamespaceAlias::namespace).findFirst();
    }

    /** The static FDB entries of a VXLAN device. */
    public List<FdbEntry> fdbOf(LinkRef dev) {
        return fdb.stream().filter(e -> e.dev().equals(dev)).toList();
    }

    /** The permanent neighbour entries of a namespace. */
    public List<NeighbourEntry> neighboursIn(String nsName) {
        return neighbours.stream().filter(e -> e.dev().namespace().equals(nsName)).toList();
    }

    /** The IPsec associations of a namespace. */
    public List<IpsecAssociation> ipsecIn(String nsName) {
        return ipsec.stream().filter(a -> a.namespace().equals(nsName)).toList();
    }

    /** The load balancers of a namespace. */
    public List<LoadBalancer> loadBalancersIn(String nsName) {
        return loadBalancers.stream().filter(b -> b.namespace().equals(nsName)).toList();
    }

    /** The hosts file and resolv.conf of a namespace, if the lab writes them. */
    public Optional<ResolverConfig> resolverIn(String nsName) {
        return resolvers.stream().filter(r -> r.namespace().equals(nsName)).findFirst();
    }

    /** The value of a sysctl in a namespace, if the lab sets it. */
    public Optional<String> sysctl(String nsName, String key) {
        return sysctls.stream().filter(s -> s.namespace().equals(nsName) && s.key().equals(key))
                .map(Sysctl::value).reduce((first, second) -> second);
    }

    /** Collects the parts of a topology, then checks them together. */
    public static final class Builder {
        private final String name;
        private final List<Namespace> namespaces = new ArrayList<>();
        private final List<Link> links = new ArrayList<>();
        private final List<Address> addresses = new ArrayList<>();
        private final List<Route> routes = new ArrayList<>();
        private final List<Sysctl> sysctls = new ArrayList<>();
        private final List<Ruleset> rulesets = new ArrayList<>();
        private final List<Service> services = new ArrayList<>();
        private final List<NamespaceAlias> aliases = new ArrayList<>();
        private final List<ResolverConfig> resolvers = new ArrayList<>();
        private final List<FdbEntry> fdb = new ArrayList<>();
        private final List<NeighbourEntry> neighbours = new ArrayList<>();
        private final List<LoadBalancer> loadBalancers = new ArrayList<>();
        private final List<IpsecAssociation> ipsec = new ArrayList<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder namespace(Namespace ns) {
            namespaces.add(ns);
            return this;
        }

        public Builder namespace(String nsName, NamespaceKind kind, Provenance provenance) {
            return namespace(new Namespace(nsName, kind, provenance));
        }

        /** A host namespace with a generic provenance (handy in tests). */
        public Builder namespace(String nsName) {
            return namespace(nsName, NamespaceKind.HOST, Provenance.of("namespace " + nsName));
        }

        public Builder link(Link link) {
            links.add(link);
            return this;
        }

        public Builder veth(LinkRef a, LinkRef b) {
            return link(new Veth(Iface.of(a), Iface.of(b), Provenance.of("veth " + a + " <-> " + b)));
        }

        public Builder bridge(LinkRef ref) {
            return link(new Bridge(Iface.of(ref), Bridge.DEFAULT_AGEING, Provenance.of("bridge " + ref)));
        }

        public Builder address(Address address) {
            addresses.add(address);
            return this;
        }

        public Builder address(LinkRef ref, Ipv4Interface address) {
            return address(new Address(ref, address, Provenance.of("address " + address + " on " + ref)));
        }

        public Builder route(Route route) {
            routes.add(route);
            return this;
        }

        public Builder sysctl(Sysctl sysctl) {
            sysctls.add(sysctl);
            return this;
        }

        public Builder sysctl(String nsName, String key, String value) {
            return sysctl(new Sysctl(nsName, key, value, Provenance.of("sysctl " + key + " in " + nsName)));
        }

        public Builder ruleset(Ruleset ruleset) {
            rulesets.add(ruleset);
            return this;
        }

        public Builder service(Service service) {
            services.add(service);
            return this;
        }

        public Builder alias(NamespaceAlias alias) {
            aliases.add(alias);
            return this;
        }

        public Builder fdb(FdbEntry entry) {
            fdb.add(entry);
            return this;
        }

        public Builder neighbour(NeighbourEntry entry) {
            neighbours.add(entry);
            return this;
        }

        public Builder resolver(ResolverConfig resolver) {
            resolvers.add(resolver);
            return this;
        }

        public Builder ipsec(IpsecAssociation association) {
            ipsec.add(association);
            return this;
        }

        public Builder loadBalancer(LoadBalancer balancer) {
            loadBalancers.add(balancer);
            return this;
        }

        /** Checks every cross-reference and returns the immutable topology; throws listing every problem. */
        public Topology build() {
            Topology t = new Topology(name, namespaces, links, addresses, routes, sysctls, rulesets, services, aliases, resolvers,
                    fdb, neighbours, loadBalancers, ipsec);
            List<Problem> problems = new TopologyChecker(t).problems();
            if (!problems.isEmpty()) {
                throw new SpecException(problems);
            }
            return t;
        }
    }

    /** The consistency rules a kernel would enforce when the objects are created. */
    private record TopologyChecker(Topology t) {
        List<Problem> problems() {
            List<Problem> out = new ArrayList<>();
            SourceLocation where = SourceLocation.file("topology '" + t.name() + "'");
            Set<String> nsNames = new HashSet<>();
            for (Namespace ns : t.namespaces()) {
                if (!nsNames.add(ns.name())) {
                    out.add(new Problem(where, "namespace '" + ns.name() + "' is declared twice"));
                }
            }
            Map<LinkRef, Iface> byRef = new LinkedHashMap<>();
            Map<LinkRef, Link> linkOf = new HashMap<>();
            for (Link link : t.links()) {
                for (Iface iface : link.ifaces()) {
                    if (!nsNames.contains(iface.ref().namespace())) {
                        out.add(new Problem(where, "interface " + iface.ref() + " (" + link.provenance()
                                + ") is in namespace '" + iface.ref().namespace() + "', which is not declared"));
                    }
                    if (byRef.put(iface.ref(), iface) != null) {
                        out.add(new Problem(where, "interface " + iface.ref() + " is created twice (" + link.provenance() + ")"));
                    }
                    linkOf.put(iface.ref(), link);
                }
            }
            for (Link link : t.links()) {
                link.stackedOn().ifPresent(parent -> checkParent(link, parent, linkOf, where, out));
            }
            for (Iface iface : byRef.values()) {
                iface.port().ifPresent(port -> {
                    LinkRef bridgeRef = new LinkRef(iface.ref().namespace(), port.bridge());
                    if (!(linkOf.get(bridgeRef) instanceof Bridge)) {
                        out.add(new Problem(where, "interface " + iface.ref() + " is a port of '" + port.bridge()
                                + "', which is not a bridge in namespace '" + iface.ref().namespace() + "'"));
                    }
                });
            }
            Map<String, List<Ipv4Interface>> connected = new HashMap<>();
            Set<String> seenAddresses = new HashSet<>();
            for (Address a : t.addresses()) {
                if (!byRef.containsKey(a.ref())) {
                    out.add(new Problem(where, "address " + a.address() + " (" + a.provenance() + ") is on " + a.ref()
                            + ", which no link creates"));
                }
                if (!seenAddresses.add(a.ref().namespace() + "|" + a.address().address())) {
                    out.add(new Problem(where, "address " + a.address().address() + " is assigned twice in namespace '"
                            + a.ref().namespace() + "'"));
                }
                connected.computeIfAbsent(a.ref().namespace(), k -> new ArrayList<>()).add(a.address());
            }
            for (Route r : t.routes()) {
                if (!nsNames.contains(r.namespace())) {
                    out.add(new Problem(where, "route to " + r.destination() + " is in undeclared namespace '" + r.namespace() + "'"));
                    continue;
                }
                r.dev().ifPresent(dev -> {
                    if (!byRef.containsKey(new LinkRef(r.namespace(), dev))) {
                        out.add(new Problem(where, "route to " + r.destination() + " in '" + r.namespace() + "' uses device '"
                                + dev + "', which does not exist there"));
                    }
                });
                r.via().ifPresent(gw -> {
                    boolean onLink = connected.getOrDefault(r.namespace(), List.of()).stream()
                            .anyMatch(ia -> ia.prefix().contains(gw));
                    if (!onLink) {
                        out.add(new Problem(where, "route to " + r.destination() + " in '" + r.namespace() + "' goes via "
                                + gw + ", which is on no connected subnet of that namespace (Linux: Nexthop has invalid gateway)"));
                    }
                });
            }
            for (Sysctl s : t.sysctls()) {
                if (!nsNames.contains(s.namespace())) {
                    out.add(new Problem(where, "sysctl " + s.key() + " is set in undeclared namespace '" + s.namespace() + "'"));
                }
            }
            Set<String> rulesetNs = new HashSet<>();
            for (Ruleset rs : t.rulesets()) {
                if (!nsNames.contains(rs.namespace())) {
                    out.add(new Problem(where, "firewall rules are given for undeclared namespace '" + rs.namespace() + "'"));
                }
                if (!rulesetNs.add(rs.namespace())) {
                    out.add(new Problem(where, "namespace '" + rs.namespace() + "' has two rulesets"));
                }
                for (Table table : rs.tables()) {
                    checkTable(rs.namespace(), table, where, out);
                }
            }
            checkServices(nsNames, where, out);
            for (Link link : t.links()) {
                if (link instanceof Vxlan x && !nsNames.contains(x.underlay())) {
                    out.add(new Problem(where, "vxlan " + x.self().ref() + " (" + x.provenance() + ") has its socket in namespace '"
                            + x.underlay() + "', which is not declared"));
                }
            }
            for (FdbEntry e : t.fdb()) {
                if (!(linkOf.get(e.dev()) instanceof Vxlan)) {
                    out.add(new Problem(where, "FDB entry " + e.mac() + " -> " + e.remote() + " (" + e.provenance() + ") is on "
                            + e.dev() + ", which is not a vxlan device"));
                }
            }
            for (NeighbourEntry e : t.neighbours()) {
                if (!byRef.containsKey(e.dev())) {
                    out.add(new Problem(where, "neighbour " + e.address() + " (" + e.provenance() + ") is on " + e.dev()
                            + ", which no link creates"));
                }
            }
            Set<String> resolverNs = new HashSet<>();
            for (ResolverConfig r : t.resolvers()) {
                if (!nsNames.contains(r.namespace())) {
                    out.add(new Problem(where, "name resolution (" + r.provenance() + ") is configured for undeclared namespace '"
                            + r.namespace() + "'"));
                }
                if (!resolverNs.add(r.namespace())) {
                    out.add(new Problem(where, "namespace '" + r.namespace() + "' has two name resolution configurations"));
                }
            }
            Set<String> aliasNames = new HashSet<>();
            for (NamespaceAlias a : t.aliases()) {
                if (nsNames.contains(a.name()) || !aliasNames.add(a.name())) {
                    out.add(new Problem(where, "name '" + a.name() + "' (" + a.provenance() + ") already names a namespace or alias"));
                }
                if (!nsNames.contains(a.namespace())) {
                    out.add(new Problem(where, "'" + a.name() + "' (" + a.provenance() + ") shares namespace '" + a.namespace()
                            + "', which is not declared"));
                }
            }
            return out;
        }

        /**
         * A macvlan, ipvlan or vlan child needs a parent that some link creates and that can carry frames of its own:
         * a veth end, a dummy or a vlan (a bridge or another macvlan/ipvlan child is not modelled as a parent).
         */
        private static void checkParent(Link link, LinkRef parent, Map<LinkRef, Link> linkOf, SourceLocation where, List<Problem> out) {
            String kind = switch (link) {
                case Macvlan m -> "macvlan";
                case Ipvlan i -> "ipvlan";
                default -> "vlan";
            };
            Iface self = link.ifaces().getFirst();
            Provenance p = link.provenance();
            Link parentLink = linkOf.get(parent);
            if (parentLink == null) {
                out.add(new Problem(where, kind + " " + self.ref() + " (" + p + ") has parent " + parent + ", which no link creates"));
                return;
            }
            String parentKind = switch (parentLink) {
                case Veth v -> null;
                case Dummy d -> null;
                case Vxlan x -> "vxlan";
                case Vlan v -> null;
                case Bridge b -> "bridge";
                case Macvlan m -> "macvlan";
                case Ipvlan i -> "ipvlan";
            };
            if (parentKind != null) {
                out.add(new Problem(where, kind + " " + self.ref() + " (" + p + ") has parent " + parent + ", which is a "
                        + parentKind + " (netrig models " + kind + " on veth, dummy and vlan parents only)"));
            }
        }

        /** Two sockets on one protocol and port clash when either binds 0.0.0.0 or both bind the same address (EADDRINUSE). */
        private void checkServices(Set<String> nsNames, SourceLocation where, List<Problem> out) {
            Map<String, List<Service>> byPort = new HashMap<>();
            for (Service s : t.services()) {
                if (!nsNames.contains(s.namespace())) {
                    out.add(new Problem(where, s.socketText() + " (" + s.provenance() + ") is in undeclared namespace '" + s.namespace() + "'"));
                }
                List<Service> samePort = byPort.computeIfAbsent(s.namespace() + "|" + s.protocol() + "|" + s.port(), k -> new ArrayList<>());
                for (Service other : samePort) {
                    if (s.address().equals(other.address()) || s.address().equals(Ipv4Address.ANY) || other.address().equals(Ipv4Address.ANY)) {
                        out.add(new Problem(where, s.socketText() + " in '" + s.namespace() + "' (" + s.provenance()
                                + ") clashes with " + other.socketText() + " (" + other.provenance() + "): address already in use"));
                    }
                }
                samePort.add(s);
            }
        }

        private static void checkTable(String ns, Table table, SourceLocation where, List<Problem> out) {
            Set<String> chains = new HashSet<>();
            for (Chain c : table.chains()) {
                if (!chains.add(c.name())) {
                    out.add(new Problem(where, ns + " " + table.name().iptablesName() + ": chain " + c.name() + " is declared twice"));
                }
                if (table.name().isBuiltin(c.name()) != c.policy().isPresent()) {
                    out.add(new Problem(where, ns + " " + table.name().iptablesName() + ": chain " + c.name()
                            + (c.policy().isPresent() ? " is a user chain and cannot have a policy" : " is built in and needs a policy")));
                }
            }
            for (Chain c : table.chains()) {
                for (Rule r : c.rules()) {
                    String target = r.target() instanceof Target.Jump(String j) ? j
                            : r.target() instanceof Target.Goto(String g) ? g : null;
                    if (target != null && !chains.contains(target)) {
                        out.add(new Problem(where, ns + " " + table.name().iptablesName() + ": rule in " + c.name()
                                + " jumps to chain " + target + ", which is not declared"));
                    }
                }
            }
        }
    }

    /** Convenience for callers resolving names: every address in a namespace. */
    public List<Ipv4Address> ipsOf(String nsName) {
        return addressesIn(nsName).stream().map(a -> a.address().address()).toList();
    }

    /** Convenience: the connected prefixes of a namespace. */
    public List<Ipv4Prefix> connectedPrefixes(String nsName) {
        return addressesIn(nsName).stream().map(a -> a.address().prefix()).distinct().toList();
    }

    /** Convenience: the link name of every interface in a namespace. */
    public List<LinkName> linkNamesIn(String nsName) {
        return ifacesIn(nsName).stream().map(i -> i.ref().name()).toList();
    }
}
