package io.netrig.model.render.inspect;

import io.netrig.model.ipam.AddressPlan;
import io.netrig.model.ipam.DockerIpam;
import io.netrig.model.ipam.NetworkPlan;
import io.netrig.model.lower.DockerNames;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.MacAddress;
import io.netrig.model.render.inspect.DockerNetwork.Endpoint;
import io.netrig.model.render.inspect.DockerNetwork.IpamConfig;
import io.netrig.model.render.inspect.IpLink.IpAddr;
import io.netrig.model.spec.SwarmSpec;
import io.netrig.model.spec.ContainerSpec;
import io.netrig.model.spec.DaemonOptions;
import io.netrig.model.spec.HostSpec;
import io.netrig.model.spec.LabSpec;
import io.netrig.model.spec.NetworkDriver;
import io.netrig.model.spec.NetworkMode;
import io.netrig.model.spec.NetworkSpec;
import io.netrig.model.spec.ValidatedLab;
import io.netrig.model.topology.Address;
import io.netrig.model.topology.Bridge;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.Link;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Dummy;
import io.netrig.model.topology.Ipvlan;
import io.netrig.model.topology.Macvlan;
import io.netrig.model.topology.MacvlanMode;
import io.netrig.model.topology.NamespaceKind;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import io.netrig.model.topology.Vlan;
import io.netrig.model.topology.Vxlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Computes a {@link LabInspection}: Docker's view of each host from the spec and its address plan, the kernel's view
 * (bridges, interfaces, rules) from the lowered topology.
 * <p>
 * Interface indexes are numbered per machine in the order the lowering creates the links, as the kernel numbers them:
 * a container's interfaces are made in its host's namespace and keep their index when moved into the container, so a
 * container's {@code eth0} is e.g. {@code 6: eth0@if7} and its host end {@code 7: vethab12cd3@if6}. A host NIC (a veth
 * to a segment's switch in the topology) is shown as the physical NIC it stands for.
 */
final class Inspector {
    private static final List<String> UP_FLAGS = List.of("BROADCAST", "MULTICAST", "UP", "LOWER_UP");
    private static final List<String> NO_CARRIER_FLAGS = List.of("NO-CARRIER", "BROADCAST", "MULTICAST", "UP");
    /** Docker creates its bridges, veths and macvlans with txqueuelen 0; NICs and lo have the kernel's 1000. */
    private static final int DEFAULT_QLEN = 1000;

    private final LabSpec spec;
    private final AddressPlan plan;
    private final Topology topology;
    private final Map<LinkRef, Link> linkOf = new HashMap<>();
    private final Map<LinkRef, Integer> ifindex = new HashMap<>();
    /** Per namespace, the ids it has for the other namespaces its interfaces' peers live in, in order of first use. */
    private final Map<String, Map<String, Integer>> netnsids = new HashMap<>();

    Inspector(ValidatedLab lab, Topology topology) {
        this.spec = lab.spec();
        this.plan = lab.addresses();
        this.topology = topology;
    }

    LabInspection run() {
        numberInterfaces();
        return new LabInspection(spec.name(), spec.hosts().values().stream().map(this::host).toList());
    }

    private void numberInterfaces() {
        Map<String, String> machineOf = new HashMap<>();
        spec.hosts().keySet().forEach(h -> machineOf.put(h, h));
        spec.containers().values().stream().filter(c -> topology.namespace(c.name()).isPresent())
                .forEach(c -> machineOf.putIfAbsent(c.name(), c.host()));
        Map<String, Integer> created = new HashMap<>();
        for (Link link : topology.links()) {
            for (Iface i : link.ifaces()) {
                linkOf.put(i.ref(), link);
                String machine = machineOf.get(i.ref().namespace());
                if (machine != null) {
                    ifindex.put(i.ref(), created.merge(machine, 1, Integer::sum) + 1); // 1 is lo
                }
            }
            switch (link) {
                case Veth(Iface a, Iface b, var p) -> {
                    if (!isSegment(a.ref().namespace()) && !isSegment(b.ref().namespace())) {
                        netnsid(a.ref().namespace(), b.ref().namespace());
                        netnsid(b.ref().namespace(), a.ref().namespace());
                    }
                }
                case Macvlan(Iface self, LinkRef parent, var mode, var p) -> netnsid(self.ref().namespace(), parent.namespace());
                case Ipvlan(Iface self, LinkRef parent, var mode, var p) -> netnsid(self.ref().namespace(), parent.namespace());
                case Vlan v -> {
                    // in its parent's namespace
                }
                case Dummy d -> {
                    // no peer
                }
                case Vxlan x -> {
                    // its peers are remote VTEPs
                }
                case Bridge b -> {
                    // a bridge has no peer
                }
            }
        }
    }

    private void netnsid(String ns, String peerNs) {
        if (!ns.equals(peerNs)) {
            Map<String, Integer> ids = netnsids.computeIfAbsent(ns, k -> new LinkedHashMap<>());
            ids.putIfAbsent(peerNs, ids.size());
        }
    }

    private boolean isSegment(String ns) {
        return topology.namespace(ns).map(n -> n.kind() == NamespaceKind.SEGMENT).orElse(false);
    }

    private HostInspection host(HostSpec h) {
        List<IpLink> links = ipAddr(h.name());
        if (!h.docker()) {
            return new HostInspection(h.name(), false, List.of(), List.of(), links, List.of(), topology.ruleset(h.name()));
        }
        List<ContainerSpec> mine = spec.containers().values().stream().filter(c -> c.host().equals(h.name())).toList();
        List<ContainerInspection> containers = mine.stream().map(c -> new ContainerInspection(c.name(), InspectIds.container(c.name()),
                topology.namespaceOf(c.name()).map(this::ipAddr).orElseGet(() -> List.of(loopback())))).toList();
        return new HostInspection(h.name(), true, networks(h, mine), bridges(h.name()), links, containers, topology.ruleset(h.name()));
    }

    // ---- docker network ls / inspect

    private List<DockerNetwork> networks(HostSpec h, List<ContainerSpec> mine) {
        List<DockerNetwork> out = new ArrayList<>();
        out.add(defaultBridge(h, mine));
        out.add(predefined(h, "host", "host", mine, c -> c.mode() instanceof NetworkMode.Host));
        out.add(predefined(h, "none", "null", mine, c -> c.mode() instanceof NetworkMode.None));
        int order = 0;
        if (h.swarm().isPresent()) {
            out.add(gatewayBridge(h, mine));
        }
        for (NetworkSpec n : spec.networks().values()) {
            if (n.host().orElse("").equals(h.name()) && spec.customGatewayBridge(h.name()).map(gw -> gw != n).orElse(true)) {
                out.add(userNetwork(h, n, ++order, mine));
            } else if (n.swarmScoped() && h.swarm().isPresent() && (h.swarm().get().role() == SwarmSpec.Role.MANAGER
                    || mine.stream().anyMatch(c -> c.endpoints().stream().anyMatch(ep -> ep.network().equals(n.name()))))) {
                // a manager knows every overlay; a worker has one while a container of it runs there
                out.add(overlayNetwork(n, ++order, mine));
            }
        }
        out.sort(Comparator.comparing(DockerNetwork::name, NaturalOrder.INSTANCE));
        return out;
    }

    /** docker_gwbridge, which docker swarm init/join creates with ICC off and masquerading. */
    private DockerNetwork gatewayBridge(HostSpec h, List<ContainerSpec> mine) {
        String name = DockerIpam.GATEWAY_BRIDGE;
        NetworkPlan p = planOf(h.name(), name);
        IpamConfig config = new IpamConfig(p.subnet(), Optional.empty(), Optional.of(p.gateway()), Map.of());
        Optional<NetworkSpec> custom = spec.customGatewayBridge(h.name());
        Map<String, String> options = new java.util.TreeMap<>(Map.of(
                "com.docker.network.bridge.enable_icc", Boolean.toString(custom.map(NetworkSpec::enableIcc).orElse(false)),
                "com.docker.network.bridge.enable_ip_masquerade", Boolean.toString(custom.map(NetworkSpec::enableIpMasquerade).orElse(true)),
                "com.docker.network.bridge.name", DockerIpam.GATEWAY_BRIDGE));
        custom.ifPresent(n -> n.mtu().ifPresent(m -> options.put("com.docker.network.driver.mtu", Integer.toString(m))));
        return new DockerNetwork(DockerNames.networkId(h.name(), name), name, InspectIds.created(0), NetworkDriver.BRIDGE.dockerName(),
                false, Optional.of(Map.of()), List.of(config), endpoints(name, p, mine), options);
    }

    /** An overlay network as a node sees it: swarm scope, its VNI among the options, the node's own containers. */
    private DockerNetwork overlayNetwork(NetworkSpec n, int order, List<ContainerSpec> mine) {
        NetworkPlan p = plan.network(AddressPlan.SWARM_SCOPE, n.name()).orElseThrow();
        IpamConfig config = new IpamConfig(p.subnet(), n.ipRange(), Optional.of(p.gateway()), n.auxAddresses());
        Map<String, String> options = new java.util.TreeMap<>();
        topology.links().stream().filter(l -> l instanceof Vxlan).map(l -> (Vxlan) l)
                .filter(x -> x.self().ref().namespace().endsWith(DockerNames.overlayNamespace("", n.name())))
                .findFirst().ifPresent(x -> options.put("com.docker.network.driver.overlay.vxlanid_list", Integer.toString(x.vni())));
        if (n.overlay().encrypted()) {
            options.put("encrypted", "");
        }
        return new DockerNetwork(DockerNames.networkId(DockerNames.SWARM, n.name()), n.name(), InspectIds.created(order), "overlay",
                n.internal(), Optional.of(Map.of()), List.of(config), endpoints(n.name(), p, mine), options, DockerNetwork.SWARM_SCOPE);
    }

    private DockerNetwork defaultBridge(HostSpec h, List<ContainerSpec> mine) {
        String name = DockerIpam.DEFAULT_BRIDGE;
        NetworkPlan p = planOf(h.name(), name);
        DaemonOptions d = h.daemon();
        Map<String, Ipv4Address> aux = d.defaultGateway().map(gw -> Map.of("DefaultGatewayIPv4", gw)).orElse(Map.of());
        IpamConfig config = new IpamConfig(p.subnet(), d.fixedCidr(), Optional.of(p.gateway()), aux);
        // dockerd's initBridgeDriver passes these six to the default bridge; host_binding_ipv4 is dockerd's --ip.
        Map<String, String> options = Map.of(
                "com.docker.network.bridge.default_bridge", "true",
                "com.docker.network.bridge.enable_icc", Boolean.toString(d.icc()),
                "com.docker.network.bridge.enable_ip_masquerade", Boolean.toString(d.ipMasquerade()),
                "com.docker.network.bridge.host_binding_ipv4", "0.0.0.0",
                "com.docker.network.bridge.name", DockerNames.DEFAULT_BRIDGE_DEVICE,
                "com.docker.network.driver.mtu", Integer.toString(d.mtu()));
        return new DockerNetwork(DockerNames.networkId(h.name(), name), name, InspectIds.created(0), NetworkDriver.BRIDGE.dockerName(),
                false, Optional.empty(), List.of(config), endpoints(name, p, mine), options);
    }

    private DockerNetwork predefined(HostSpec h, String name, String driver, List<ContainerSpec> mine, Predicate<ContainerSpec> inMode) {
        List<Endpoint> members = mine.stream().filter(inMode).map(c -> new Endpoint(InspectIds.container(c.name()), c.name(),
                DockerNames.endpointId(c.name(), name), Optional.empty(), Optional.empty())).toList();
        return new DockerNetwork(DockerNames.networkId(h.name(), name), name, InspectIds.created(0), driver, false, Optional.empty(),
                List.of(), members, Map.of());
    }

    private DockerNetwork userNetwork(HostSpec h, NetworkSpec n, int order, List<ContainerSpec> mine) {
        NetworkPlan p = planOf(h.name(), n.name());
        // libnetwork reports what the network was created with; only when it was given no subnet, what IPAM chose.
        IpamConfig config = n.subnet().map(s -> new IpamConfig(s, n.ipRange(), n.gateway(), n.auxAddresses()))
                .orElseGet(() -> new IpamConfig(p.subnet(), Optional.empty(), Optional.of(p.gateway()), Map.of()));
        List<IpamConfig> configs = new java.util.ArrayList<>();
        configs.add(config);
        n.morePools().forEach(pool -> configs.add(new IpamConfig(pool.subnet(), Optional.empty(), pool.gateway(), Map.of())));
        return new DockerNetwork(DockerNames.networkId(h.name(), n.name()), n.name(), InspectIds.created(order), n.driver().dockerName(),
                n.internal(), Optional.of(Map.of()), configs, endpoints(n.name(), p, mine), driverOptions(n));
    }

    /** The {@code -o} options that differ from the driver's defaults, under Docker's own keys. */
    private static Map<String, String> driverOptions(NetworkSpec n) {
        Map<String, String> o = new TreeMap<>();
        if (n.driver() == NetworkDriver.MACVLAN) {
            n.parent().ifPresent(parent -> o.put("parent", parent));
            if (n.macvlanMode() != MacvlanMode.BRIDGE) {
                o.put("macvlan_mode", n.macvlanMode().ipName());
            }
        } else {
            n.bridgeName().ifPresent(b -> o.put("com.docker.network.bridge.name", b));
            if (!n.enableIcc()) {
                o.put("com.docker.network.bridge.enable_icc", "false");
            }
            if (!n.enableIpMasquerade()) {
                o.put("com.docker.network.bridge.enable_ip_masquerade", "false");
            }
            n.hostBindingIpv4().ifPresent(ip -> o.put("com.docker.network.bridge.host_binding_ipv4", ip.toString()));
        }
        n.mtu().ifPresent(mtu -> o.put("com.docker.network.driver.mtu", Integer.toString(mtu)));
        return o;
    }

    /** The containers attached to {@code network}: those the address plan gives an address there. */
    private List<Endpoint> endpoints(String network, NetworkPlan p, List<ContainerSpec> mine) {
        List<Endpoint> out = new ArrayList<>();
        for (ContainerSpec c : mine) {
            if (c.mode() instanceof NetworkMode.Attached) {
                plan.endpoint(c.name(), network).ifPresent(ip -> out.add(new Endpoint(InspectIds.container(c.name()), c.name(),
                        DockerNames.endpointId(c.name(), network), endpointMac(c, ip),
                        Optional.of(Ipv4Interface.of(ip, p.poolOf(ip).map(pool -> pool.subnet().length()).orElse(p.subnet().length()))))));
            }
        }
        return out;
    }

    /**
     * The MAC of the container interface that carries {@code ip}, as lowered (none for an ipvlan endpoint, which uses
     * its parent's: Docker shows ""); Docker's 02:42 + IPv4 if no interface carries it.
     */
    private Optional<MacAddress> endpointMac(ContainerSpec c, Ipv4Address ip) {
        Optional<Iface> iface = topology.namespaceOf(c.name()).stream().flatMap(ns -> topology.addressesIn(ns).stream())
                .filter(a -> a.address().address().equals(ip)).findFirst()
                .flatMap(a -> topology.iface(a.ref()));
        return iface.isPresent() ? iface.get().mac() : Optional.of(MacAddress.dockerFromIp(ip));
    }

    private NetworkPlan planOf(String host, String network) {
        return plan.network(host, network).orElseThrow(() -> new IllegalStateException(
                "the address plan has no network '" + network + "' on host '" + host + "' (was the lab validated?)"));
    }

    // ---- brctl show

    private List<BridgeInfo> bridges(String ns) {
        List<Iface> ifaces = topology.ifacesIn(ns);
        return ifaces.stream().filter(i -> linkOf.get(i.ref()) instanceof Bridge)
                .map(b -> new BridgeInfo(b.ref().name().value(), mac(b), false, ports(ifaces, b)))
                .sorted(Comparator.comparing(BridgeInfo::name)).toList();
    }

    private static List<String> ports(List<Iface> ifaces, Iface bridge) {
        return ifaces.stream().filter(i -> i.port().map(p -> p.bridge().equals(bridge.ref().name())).orElse(false))
                .map(i -> i.ref().name().value()).toList();
    }

    // ---- ip addr

    private List<IpLink> ipAddr(String ns) {
        List<IpLink> out = new ArrayList<>();
        out.add(loopback());
        topology.ifacesIn(ns).stream().sorted(Comparator.comparing(i -> ifindex.getOrDefault(i.ref(), Integer.MAX_VALUE)))
                .map(this::ipLink).forEach(out::add);
        return out;
    }

    private static IpLink loopback() {
        IpAddr lo = new IpAddr(Ipv4Interface.parse("127.0.0.1/8"), Optional.empty(), "host", "lo");
        return new IpLink(1, "lo", OptionalInt.empty(), Optional.empty(), List.of("LOOPBACK", "UP", "LOWER_UP"), 65536, "noqueue",
                Optional.empty(), "UNKNOWN", DEFAULT_QLEN, "loopback", MacAddress.ZERO, MacAddress.ZERO, OptionalInt.empty(), List.of(lo));
    }

    private IpLink ipLink(Iface i) {
        String ns = i.ref().namespace();
        List<IpAddr> addresses = topology.addressesIn(ns).stream().filter(a -> a.ref().equals(i.ref()))
                .map(a -> inet(a, i.ref().name().value())).toList();
        return switch (linkOf.get(i.ref())) {
            case Veth(Iface a, Iface b, var p) -> {
                Iface peer = a.ref().equals(i.ref()) ? b : a;
                yield isSegment(peer.ref().namespace())
                        // the NIC a segment port stands for: no visible peer, a real qdisc and queue
                        ? link(i, Optional.empty(), UP_FLAGS, "fq_codel", "UP", DEFAULT_QLEN, addresses)
                        : link(i, Optional.of(peer.ref()), UP_FLAGS, "noqueue", "UP", 0, addresses);
            }
            case Bridge(Iface self, var ageing, var p) -> {
                boolean ports = !ports(topology.ifacesIn(ns), self).isEmpty();
                yield link(i, Optional.empty(), ports ? UP_FLAGS : NO_CARRIER_FLAGS, "noqueue", ports ? "UP" : "DOWN", 0, addresses);
            }
            case Macvlan(Iface self, LinkRef parent, var mode, var p) -> link(i, Optional.of(parent), UP_FLAGS, "noqueue", "UP", 0, addresses);
            case Ipvlan(Iface self, LinkRef parent, var mode, var p) -> link(i, Optional.of(parent), UP_FLAGS, "noqueue", "UP", 0, addresses);
            case Vlan(Iface self, LinkRef parent, int id, var p) -> link(i, Optional.of(parent), UP_FLAGS, "noqueue", "UP", 0, addresses);
            case Dummy d -> link(i, Optional.empty(), List.of("BROADCAST", "NOARP", "UP", "LOWER_UP"), "noqueue", "UNKNOWN", DEFAULT_QLEN, addresses);
            case Vxlan x -> link(i, Optional.empty(), UP_FLAGS, "noqueue", "UNKNOWN", 0, addresses);
        };
    }

    private IpLink link(Iface i, Optional<LinkRef> peer, List<String> flags, String qdisc, String state, int qlen, List<IpAddr> addresses) {
        String ns = i.ref().namespace();
        OptionalInt linkIndex = OptionalInt.empty();
        Optional<String> linkName = Optional.empty();
        OptionalInt netnsid = OptionalInt.empty();
        if (peer.isPresent()) {
            LinkRef other = peer.get();
            if (other.namespace().equals(ns)) {
                linkName = Optional.of(other.name().value());
            } else if (ifindex.containsKey(other)) {
                linkIndex = OptionalInt.of(ifindex.get(other));
                netnsid = OptionalInt.of(netnsids.getOrDefault(ns, Map.of()).getOrDefault(other.namespace(), 0));
            }
        }
        return new IpLink(ifindex.getOrDefault(i.ref(), 0), i.ref().name().value(), linkIndex, linkName, flags, i.mtu(), qdisc,
                i.port().map(p -> p.bridge().value()), state, qlen, "ether", mac(i), MacAddress.BROADCAST, netnsid, addresses);
    }

    private static IpAddr inet(Address a, String label) {
        Ipv4Interface address = a.address();
        Optional<Ipv4Address> brd = address.length() < 31 ? Optional.of(address.prefix().broadcast()) : Optional.empty();
        return new IpAddr(address, brd, "global", label);
    }

    /**
     * An interface's MAC: the lowered one, else a stand-in for the random one it would get: dockerd gives its bridges
     * 02:42 and four random bytes, the kernel gives everything else a random locally administered address.
     */
    private MacAddress mac(Iface i) {
        return i.mac().orElseGet(() -> {
            String seed = i.ref().namespace() + "/" + i.ref().name();
            boolean dockerBridge = linkOf.get(i.ref()) instanceof Bridge
                    && Optional.ofNullable(spec.hosts().get(i.ref().namespace())).map(HostSpec::docker).orElse(false);
            return dockerBridge ? InspectIds.dockerMac(seed) : InspectIds.kernelMac(seed);
        });
    }
}
