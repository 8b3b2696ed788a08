package io.netrig.model.lower;

import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.ipam.AddressPlan;
import io.netrig.model.ipam.DockerIpam;
import io.netrig.model.ipam.NetworkPlan;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.net.LinkName;
import io.netrig.model.net.MacAddress;
import io.netrig.model.spec.ContainerSpec;
import io.netrig.model.spec.EndpointSpec;
import io.netrig.model.spec.HostCommand;
import io.netrig.model.spec.HostSpec;
import io.netrig.model.spec.InterfaceSpec;
import io.netrig.model.spec.LabSpec;
import io.netrig.model.spec.ListenSpec;
import io.netrig.model.spec.NetworkDriver;
import io.netrig.model.spec.NetworkMode;
import io.netrig.model.spec.NetworkSpec;
import io.netrig.model.spec.PortSpec;
import io.netrig.model.spec.Publication;
import io.netrig.model.spec.RouteSpec;
import io.netrig.model.spec.SwarmServices;
import io.netrig.model.spec.SwarmSpec;
import io.netrig.model.spec.ValidatedLab;
import io.netrig.model.topology.Address;
import io.netrig.model.topology.Bridge;
import io.netrig.model.topology.Dummy;
import io.netrig.model.topology.BridgePort;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.NeighbourEntry;
import io.netrig.model.topology.FdbEntry;
import io.netrig.model.topology.IpsecAssociation;
import io.netrig.model.topology.Ipvlan;
import io.netrig.model.topology.IpvlanMode;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Listener;
import io.netrig.model.topology.Macvlan;
import io.netrig.model.topology.NamespaceAlias;
import io.netrig.model.topology.NamespaceKind;
import io.netrig.model.topology.PortProxy;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.Route;
import io.netrig.model.topology.Sysctl;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import io.netrig.model.topology.Vlan;
import io.netrig.model.topology.Vxlan;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lowers a validated Docker-level lab into kernel objects as Docker Engine 20.10 creates them. Pure and
 * deterministic: the same spec gives the same topology, names and rule order.
 * <ul>
 *   <li>each segment is a namespace {@code sw-<segment>} holding bridge {@code br0}; each host NIC is a veth whose
 *       other end ({@code p1}, {@code p2}, …) is a port of that bridge;</li>
 *   <li>each host and each container is a namespace named after it;</li>
 *   <li>a Docker host has {@code docker0} (address {@code bip}) and a {@code br-<id>} bridge per user network
 *       (address: the gateway), ip_forward and bridge-nf-call-iptables on, and dockerd's iptables rules;</li>
 *   <li>a container endpoint is a veth {@code eth<i>} (MAC 02:42 + IPv4) ↔ {@code veth<id>} on the bridge, or on a
 *       macvlan network a macvlan child {@code eth<i>} of the host's parent NIC; the first endpoint's gateway is the
 *       default route.</li>
 * </ul>
 */
public final class DockerLowering {
    static final LinkName SEGMENT_BRIDGE = LinkName.of("br0");
    static final int FIRST_EPHEMERAL_PORT = 32768;
    static final int SWARM_MANAGEMENT_PORT = 2377;
    static final int SWARM_GOSSIP_PORT = 7946;
    /** The first VNI a user overlay network gets: the ingress network has 4096. */
    static final int OVERLAY_FIRST_VNI = 4097;

    private final LabSpec spec;
    private final AddressPlan plan;
    private final Topology.Builder topo;
    private final Map<String, Integer> segmentPorts = new HashMap<>();
    private final Map<String, DockerFirewall> firewalls = new LinkedHashMap<>();
    private final Map<String, Integer> ephemeralPorts = new HashMap<>();
    private final Map<String, Set<Integer>> explicitPorts = new HashMap<>();

    private DockerLowering(ValidatedLab lab) {
        this.spec = lab.spec();
        this.plan = lab.addresses();
        this.topo = Topology.builder(spec.name());
    }

    public static Topology lower(ValidatedLab lab) {
        return new DockerLowering(lab).run();
    }

    private Topology run() {
        spec.segments().keySet().forEach(this::segment);
        spec.hosts().values().forEach(this::host);
        overlays();
        spec.containers().values().forEach(this::container);
        ServiceLowering.ContainerNatRules serviceRules = new ServiceLowering(spec, plan, topo, firewalls).lower();
        new NameResolution(spec, plan, topo, firewalls, serviceRules).lower();
        spec.commands().forEach(this::commands);
        Map<String, Ruleset> rulesets = new LinkedHashMap<>();
        firewalls.forEach((host, f) -> rulesets.put(host, f.build()));
        spec.commands().forEach((host, commands) -> {
            List<HostCommand.Iptables> iptables = commands.stream().filter(HostCommand.Iptables.class::isInstance)
                    .map(HostCommand.Iptables.class::cast).toList();
            if (!iptables.isEmpty()) {
                rulesets.put(host, FirewallEdits.apply(host, Optional.ofNullable(rulesets.get(host)), iptables, spec.sources()));
            }
        });
        rulesets.values().forEach(topo::ruleset);
        return topo.build();
    }

    private void segment(String name) {
        String ns = DockerNames.segmentNamespace(name);
        Provenance p = Provenance.of("segment '" + name + "'");
        topo.namespace(ns, NamespaceKind.SEGMENT, p);
        topo.link(new Bridge(Iface.of(new LinkRef(ns, SEGMENT_BRIDGE)), Bridge.DEFAULT_AGEING, Provenance.of(p + ": the switch")));
    }

    private void host(HostSpec host) {
        String ns = host.name();
        topo.namespace(ns, NamespaceKind.HOST, Provenance.of((host.docker() ? "Docker host '" : "host '") + host.name() + "'"));
        for (InterfaceSpec nic : host.interfaces().values()) {
            String swNs = DockerNames.segmentNamespace(nic.segment());
            int port = segmentPorts.merge(nic.segment(), 1, Integer::sum);
            LinkRef hostEnd = new LinkRef(ns, LinkName.of(nic.name()));
            Iface hostIface = new Iface(hostEnd, nic.mac(), nic.mtu().orElse(Iface.DEFAULT_MTU), Optional.empty());
            Iface switchIface = Iface.of(new LinkRef(swNs, LinkName.of("p" + port)))
                    .withMtu(nic.mtu().orElse(Iface.DEFAULT_MTU)).withPort(BridgePort.of(SEGMENT_BRIDGE));
            Provenance p = Provenance.of("host '" + host.name() + "' interface " + nic.name() + " on segment '" + nic.segment() + "'");
            topo.link(new Veth(hostIface, switchIface, p));
            nic.address().ifPresent(a -> topo.address(new Address(hostEnd, a, p)));
        }
        if (host.docker()) {
            dockerHost(host);
        } else {
            topo.sysctl(new Sysctl(ns, Sysctl.IP_FORWARD, host.forwarding() ? "1" : "0",
                    Provenance.of("host '" + host.name() + "': forwarding " + (host.forwarding() ? "on" : "off"))));
        }
        for (RouteSpec r : host.routes()) {
            topo.route(new Route(ns, r.to(), r.via(), r.dev().map(LinkName::of), r.metric(),
                    Provenance.of("host '" + host.name() + "': static route")));
        }
        listen(ns, host.listen(), Provenance.of("host '" + host.name() + "': listening application"));
    }

    /** A host's literal commands, after Docker made its part: each adds the kernel object it would. */
    private void commands(String host, List<HostCommand> commands) {
        for (HostCommand c : commands) {
            Provenance p = Provenance.of("host '" + host + "' command: " + c.text());
            switch (c) {
                case HostCommand.AddMacvlan m -> topo.link(new Macvlan(Iface.of(LinkRef.end(host, m.name())), LinkRef.end(host, m.parent()),
                        m.mode(), p));
                case HostCommand.AddVlan v -> topo.link(new Vlan(Iface.of(LinkRef.end(host, v.name())), LinkRef.end(host, v.parent()),
                        v.vlanId(), p));
                case HostCommand.AddDummy d -> topo.link(new Dummy(Iface.of(LinkRef.end(host, d.name())), p));
                case HostCommand.SetUp u -> { }
                case HostCommand.AddAddress a -> topo.address(new Address(LinkRef.end(host, a.dev()), a.address(), p));
                case HostCommand.AddRoute r -> topo.route(new Route(host, r.to(), r.via(), r.dev().map(LinkName::of), r.metric(),
                        r.src(), p));
                case HostCommand.SetSysctl x -> topo.sysctl(new Sysctl(host, x.key(), x.value(), p));
                case HostCommand.Iptables i -> {
                    // applied to the host's ruleset once dockerd's rules are built (FirewallEdits)
                }
            }
        }
    }

    private void listen(String ns, List<ListenSpec> ports, Provenance p) {
        for (ListenSpec l : ports) {
            topo.service(new Listener(ns, l.protocol(), Ipv4Address.ANY, l.port(), p));
        }
    }

    private void dockerHost(HostSpec host) {
        String ns = host.name();
        boolean iptables = host.daemon().iptables();
        boolean forwarding = host.forwarding();
        Provenance daemon = Provenance.of("dockerd on host '" + host.name() + "'");
        topo.sysctl(new Sysctl(ns, Sysctl.IP_FORWARD, forwarding ? "1" : "0", daemon));
        if (iptables && forwarding) {
            // libnetwork's setupBridgeNetFiltering: bridged traffic must pass iptables for ICC and isolation rules.
            topo.sysctl(new Sysctl(ns, Sysctl.BRIDGE_NF_CALL_IPTABLES, "1", daemon));
        }
        boolean hairpin = !host.daemon().userlandProxy();
        DockerFirewall firewall = new DockerFirewall(ns, host.name(), forwarding, hairpin);
        NetworkPlan bridgePlan = plan.network(host.name(), DockerIpam.DEFAULT_BRIDGE).orElseThrow();
        Ipv4Interface bip = host.daemon().bip().orElse(DockerIpam.DEFAULT_BIP);
        bridgeDevice(ns, DockerNames.DEFAULT_BRIDGE_DEVICE, host.daemon().mtu(), bip,
                Provenance.of("default bridge of host '" + host.name() + "'"), hairpin);
        firewall.addBridgeNetwork(DockerIpam.DEFAULT_BRIDGE, DockerNames.DEFAULT_BRIDGE_DEVICE, bridgePlan.subnet(),
                host.daemon().icc(), host.daemon().ipMasquerade(), false);
        host.swarm().ifPresent(swarm -> {
            // dockerd's swarm ports: cluster management on managers (2377/tcp), gossip on every node (7946/tcp+udp)
            Provenance sp = Provenance.of("dockerd on swarm " + swarm.role().specName() + " '" + host.name() + "'");
            if (swarm.role() == SwarmSpec.Role.MANAGER) {
                topo.service(new Listener(ns, IpProtocol.TCP, Ipv4Address.ANY, SWARM_MANAGEMENT_PORT, sp));
            }
            topo.service(new Listener(ns, IpProtocol.TCP, Ipv4Address.ANY, SWARM_GOSSIP_PORT, sp));
            topo.service(new Listener(ns, IpProtocol.UDP, Ipv4Address.ANY, SWARM_GOSSIP_PORT, sp));
        });
        Optional<NetworkSpec> customGw = spec.customGatewayBridge(host.name());
        plan.network(host.name(), DockerIpam.GATEWAY_BRIDGE).ifPresent(gw -> {
            // docker swarm init/join: docker_gwbridge, ICC off and masquerading, for the overlay containers' way out; or
            // the one the admin created first, with its own options
            bridgeDevice(ns, DockerIpam.GATEWAY_BRIDGE, customGw.flatMap(n -> n.mtu().isPresent() ? Optional.of(n.mtu().getAsInt())
                            : Optional.empty()).orElse(Iface.DEFAULT_MTU), Ipv4Interface.of(gw.gateway(), gw.subnet().length()),
                    Provenance.of((customGw.isPresent() ? "custom " : "") + "docker_gwbridge of swarm node '" + host.name() + "'"), hairpin);
            firewall.addBridgeNetwork(DockerIpam.GATEWAY_BRIDGE, DockerIpam.GATEWAY_BRIDGE, gw.subnet(),
                    customGw.map(NetworkSpec::enableIcc).orElse(false), customGw.map(NetworkSpec::enableIpMasquerade).orElse(true),
                    false);
        });
        for (NetworkSpec n : spec.networks().values()) {
            if (!n.host().orElse("").equals(host.name()) || n.driver() != NetworkDriver.BRIDGE || customGw.map(gw -> gw == n).orElse(false)) {
                continue;
            }
            NetworkPlan np = plan.network(host.name(), n.name()).orElseThrow();
            String device = bridgeDeviceName(n);
            bridgeDevice(ns, device, n.mtu().orElse(Iface.DEFAULT_MTU), Ipv4Interface.of(np.gateway(), np.subnet().length()),
                    Provenance.of("network '" + n.name() + "'"), hairpin);
            firewall.addBridgeNetwork(n.name(), device, np.subnet(), n.enableIcc(), n.enableIpMasquerade(), n.internal());
        }
        if (iptables) {
            firewalls.put(host.name(), firewall);
        }
        childParents(host);
    }

    /**
     * The parents that macvlan and ipvlan networks create on the host: an 802.1q sub-interface for a parent written
     * {@code IF.VLAN} (libnetwork's createVlanLink, named as written), or a dummy {@code dm-<id>} (macvlan) /
     * {@code di-<id>} (ipvlan) for a network without a parent or an internal one.
     */
    private void childParents(HostSpec host) {
        Set<String> vlans = new HashSet<>();
        for (NetworkSpec n : spec.networks().values()) {
            if (!n.host().orElse("").equals(host.name()) || !n.childOfParent()) {
                continue;
            }
            Provenance p = Provenance.of(n.driver().dockerName() + " network '" + n.name() + "'");
            LinkRef parent = childParent(n);
            if (n.internal() || n.parent().isEmpty()) {
                topo.link(new Dummy(Iface.of(parent), Provenance.of(p + ": dummy parent (no parent" + (n.internal() ? ", internal" : "") + ")")));
            } else if (!host.interfaces().containsKey(n.parent().get()) && vlans.add(n.parent().get())) {
                String name = n.parent().get();
                String base = name.substring(0, name.lastIndexOf('.'));
                int mtu = host.interfaces().get(base).mtu().orElse(Iface.DEFAULT_MTU);
                topo.link(new Vlan(Iface.of(parent).withMtu(mtu), LinkRef.end(host.name(), base), n.parentVlanId().orElseThrow(),
                        Provenance.of(p + ": 802.1q parent " + name)));
            }
        }
    }

    /** Where a macvlan or ipvlan network's endpoints hang: its parent NIC, VLAN sub-interface, or dummy. */
    private static LinkRef childParent(NetworkSpec n) {
        String host = n.host().orElseThrow();
        if (n.internal() || n.parent().isEmpty()) {
            String prefix = n.driver() == NetworkDriver.MACVLAN ? "dm-" : "di-";
            return LinkRef.end(host, prefix + DockerNames.networkId(host, n.name()).substring(0, 12));
        }
        return LinkRef.end(host, n.parent().get());
    }

    private int childMtu(NetworkSpec n, HostSpec host) {
        if (n.mtu().isPresent()) {
            return n.mtu().getAsInt();
        }
        if (n.internal() || n.parent().isEmpty()) {
            return Iface.DEFAULT_MTU;
        }
        String parent = n.parent().get();
        String nic = host.interfaces().containsKey(parent) ? parent : parent.substring(0, parent.lastIndexOf('.'));
        return host.interfaces().get(nic).mtu().orElse(Iface.DEFAULT_MTU);
    }

    /**
     * Each overlay network on each swarm node that runs a container on it, as libnetwork's overlay driver builds it:
     * a namespace with bridge br0 (the gateway address) and vxlan0 (the network's VNI, UDP 4789, its socket in the
     * host's namespace, learning and ARP proxy on) as a port of br0; for every container of the network on another
     * node, a static FDB entry (its MAC at that node's data-path address) and a permanent neighbour entry (its IP at
     * its MAC) on vxlan0, so that no ARP crosses the underlay.
     */
    private void overlays() {
        Map<String, Map<String, List<Integer>>> encrypted = new LinkedHashMap<>();
        int nextVni = OVERLAY_FIRST_VNI;
        for (NetworkSpec n : spec.networks().values()) {
            if (!n.swarmScoped()) {
                continue;
            }
            int vni;
            if (n.overlay().vni().isPresent()) {
                vni = n.overlay().vni().getAsInt();
            } else {
                while (usedVni(nextVni)) {
                    nextVni++;
                }
                vni = nextVni++;
            }
            NetworkPlan np = plan.network(AddressPlan.SWARM_SCOPE, n.name()).orElseThrow();
            int mtu = n.overlayMtu();
            List<Member> members = members(n);
            for (HostSpec host : spec.hosts().values()) {
                if (host.swarm().isEmpty() || members.stream().noneMatch(m -> m.node().equals(host.name()))) {
                    continue;
                }
                String ns = DockerNames.overlayNamespace(host.name(), n.name());
                Provenance p = Provenance.of("overlay network '" + n.name() + "' on swarm node '" + host.name() + "'");
                topo.namespace(ns, NamespaceKind.OVERLAY, p);
                LinkRef br0 = LinkRef.end(ns, "br0");
                topo.link(new Bridge(Iface.of(br0).withMtu(mtu), Bridge.DEFAULT_AGEING, Provenance.of(p + ": bridge")));
                topo.address(new Address(br0, Ipv4Interface.of(np.gateway(), np.subnet().length()), Provenance.of(p + ": gateway address")));
                LinkRef vxlan0 = LinkRef.end(ns, "vxlan0");
                topo.link(new Vxlan(Iface.of(vxlan0).withMtu(mtu).withPort(BridgePort.of(br0.name())), host.name(), vni,
                        Vxlan.DEFAULT_PORT, Optional.empty(), true, true, Provenance.of(p + ": VXLAN, VNI " + vni)));
                if (n.overlay().encrypted()) {
                    members.stream().map(Member::node).filter(node -> !node.equals(host.name())).distinct()
                            .forEach(peer -> encrypted.computeIfAbsent(host.name(), k -> new LinkedHashMap<>())
                                    .computeIfAbsent(peer, k -> new java.util.ArrayList<>()).add(vni));
                }
                for (Member remote : members.stream().filter(m -> !m.node().equals(host.name())).toList()) {
                    Ipv4Address ip = remote.ip();
                    MacAddress mac = MacAddress.dockerFromIp(ip);
                    Ipv4Address vtep = spec.hosts().get(remote.node()).dataPathAddress().orElseThrow();
                    Provenance rp = Provenance.of(p + ": " + remote.what() + " on node '" + remote.node() + "'");
                    topo.fdb(new FdbEntry(vxlan0, mac, vtep, rp));
                    topo.neighbour(new NeighbourEntry(vxlan0, ip, mac, rp));
                }
            }
        }
        encrypted.forEach((node, peers) -> peers.forEach((peer, vnis) -> {
            Ipv4Address local = spec.hosts().get(node).dataPathAddress().orElseThrow();
            Ipv4Address remote = spec.hosts().get(peer).dataPathAddress().orElseThrow();
            // libnetwork's encryption.go: ESP in transport mode for the VXLAN of the encrypted networks' VNIs
            topo.ipsec(new IpsecAssociation(node, local, remote, Vxlan.DEFAULT_PORT, vnis, DockerNames.ipsecSpi(node, peer),
                    DockerNames.ipsecKey(node, peer), DockerNames.ipsecSpi(peer, node), DockerNames.ipsecKey(peer, node),
                    Provenance.of("encrypted overlay VNIs " + vnis + " between swarm nodes '" + node + "' and '" + peer + "'")));
        }));
    }

    private boolean usedVni(int vni) {
        return spec.networks().values().stream().anyMatch(n -> n.overlay().vni().equals(java.util.OptionalInt.of(vni)));
    }

    /** An endpoint on an overlay network: a container's, or on the ingress network a node's ingress sandbox. */
    private record Member(String what, String node, Ipv4Address ip) {
    }

    /** The endpoints of overlay {@code n} on swarm nodes, in spec order: ingress sandboxes first, then containers. */
    private List<Member> members(NetworkSpec n) {
        List<Member> out = new java.util.ArrayList<>();
        if (n.overlay().ingress()) {
            for (String node : SwarmServices.nodes(spec)) {
                plan.endpoint(SwarmServices.sandboxOwner(node), n.name())
                        .ifPresent(ip -> out.add(new Member("ingress sandbox", node, ip)));
            }
        }
        spec.containers().values().stream()
                .filter(c -> c.mode() instanceof NetworkMode.Attached && spec.hosts().get(c.host()).swarm().isPresent())
                .filter(c -> c.endpoints().stream().anyMatch(ep -> ep.network().equals(n.name())))
                .forEach(c -> plan.endpoint(c.name(), n.name()).ifPresent(ip -> out.add(new Member("container '" + c.name() + "'", c.host(), ip))));
        return out;
    }

    private static String bridgeDeviceName(NetworkSpec n) {
        return n.bridgeName().orElseGet(() -> DockerNames.bridge(n.host().orElseThrow(), n.name()));
    }

    private void bridgeDevice(String ns, String device, int mtu, Ipv4Interface address, Provenance p, boolean hairpin) {
        LinkRef ref = new LinkRef(ns, LinkName.of(device));
        topo.link(new Bridge(Iface.of(ref).withMtu(mtu), Bridge.DEFAULT_AGEING, p));
        topo.address(new Address(ref, address, Provenance.of(p + ": gateway address")));
        if (hairpin) {
            // setupLoopbackAddressesRouting: 127.0.0.1:PORT DNATed to a container must be routable out of the bridge.
            topo.sysctl(new Sysctl(ns, "net.ipv4.conf." + device + ".route_localnet", "1",
                    Provenance.of(p + ": userland-proxy off, loopback addresses routed")));
        }
    }

    private void container(ContainerSpec c) {
        switch (c.mode()) {
            case NetworkMode.Host h -> {
                topo.alias(new NamespaceAlias(c.name(), c.host(), Provenance.of("container '" + c.name()
                        + "' in host network mode on host '" + c.host() + "'")));
                listen(c.host(), c.listening(), Provenance.of("container '" + c.name() + "' (host network mode)"));
            }
            case NetworkMode.Container(String other) -> {
                String shared = spec.namespaceOf(c);
                topo.alias(new NamespaceAlias(c.name(), shared, Provenance.of("container '" + c.name()
                        + "' in the network namespace of container '" + other + "'")));
                listen(shared, c.listening(), Provenance.of("container '" + c.name() + "' (network of '" + other + "')"));
            }
            case NetworkMode.None n -> {
                topo.namespace(c.name(), NamespaceKind.CONTAINER, Provenance.of("container '" + c.name() + "' on host '"
                        + c.host() + "' with no network (only lo)"));
                listen(c.name(), c.listening(), Provenance.of("container '" + c.name() + "'"));
            }
            case NetworkMode.Attached a -> attachedContainer(c);
        }
    }

    private void attachedContainer(ContainerSpec c) {
        String ns = c.name();
        topo.namespace(ns, NamespaceKind.CONTAINER, Provenance.of("container '" + c.name() + "' on host '" + c.host() + "'"));
        HostSpec host = spec.hosts().get(c.host());
        boolean hairpin = !host.daemon().userlandProxy();
        Optional<EndpointSpec> gateway = spec.gatewayEndpoint(c);
        Optional<Publication> publication = spec.publication(c);
        for (int i = 0; i < c.endpoints().size(); i++) {
            EndpointSpec ep = c.endpoints().get(i);
            NetworkPlan np = plan.network(c.host(), ep.network()).orElseThrow();
            var ip = plan.endpoint(c.name(), ep.network()).orElseThrow();
            LinkRef inside = LinkRef.end(ns, ep.interfaceName().orElse("eth" + i));
            Provenance p = Provenance.of("container '" + c.name() + "' endpoint on network '" + ep.network() + "'");
            Iface self = Iface.of(inside).withMac(MacAddress.dockerFromIp(ip));
            NetworkSpec n = spec.networks().get(ep.network());
            if (n != null && n.driver() == NetworkDriver.MACVLAN) {
                // libnetwork's macvlan driver: a child of the host NIC, moved into the container; no bridge, no rules.
                topo.link(new Macvlan(self.withMtu(childMtu(n, host)), childParent(n), n.macvlanMode(), p));
            } else if (n != null && n.swarmScoped()) {
                // libnetwork's overlay driver: a veth into br0 of the network's namespace on this node
                int mtu = n.overlayMtu();
                String ovNs = DockerNames.overlayNamespace(c.host(), n.name());
                topo.link(new Veth(self.withMtu(mtu), Iface.of(LinkRef.end(ovNs, DockerNames.hostVeth(c.name(), ep.network())))
                        .withMtu(mtu).withPort(BridgePort.of(LinkName.of("br0"))), p));
            } else if (n != null && n.driver() == NetworkDriver.IPVLAN) {
                // libnetwork's ipvlan driver: as macvlan, but the child has its parent's MAC.
                topo.link(new Ipvlan(Iface.of(inside).withMtu(childMtu(n, host)), childParent(n), n.ipvlanMode(), p));
            } else {
                String device = n == null ? DockerNames.DEFAULT_BRIDGE_DEVICE : bridgeDeviceName(n);
                int mtu = n == null ? host.daemon().mtu() : n.mtu().orElse(Iface.DEFAULT_MTU);
                BridgePort port = new BridgePort(LinkName.of(device), hairpin, false);
                topo.link(new Veth(self.withMtu(mtu),
                        Iface.of(LinkRef.end(c.host(), DockerNames.hostVeth(c.name(), ep.network()))).withMtu(mtu).withPort(port), p));
            }
            NetworkPlan.Pool pool = np.poolOf(ip).orElseThrow();
            topo.address(new Address(inside, Ipv4Interface.of(ip, pool.subnet().length()), p));
            if (gateway.map(ep::equals).orElse(false) && n != null && n.driver() == NetworkDriver.IPVLAN && n.ipvlanMode() == IpvlanMode.L3) {
                // ipvlan l3 routes everything through the parent: no gateway, `default dev eth0`.
                topo.route(Route.dev(ns, Ipv4Prefix.DEFAULT, inside.name(), Provenance.of("container '" + c.name()
                        + "': ipvlan l3 default route out of " + inside.name() + " on '" + ep.network() + "'")));
            } else if (gateway.map(ep::equals).orElse(false)) {
                Ipv4Address via = n == null ? host.daemon().defaultGateway().orElse(np.gateway()) : pool.gateway();
                topo.route(Route.via(ns, Ipv4Prefix.DEFAULT, via, Provenance.of("container '" + c.name()
                        + "': default route via the gateway of '" + ep.network() + "'"
                        + (n == null && host.daemon().defaultGateway().isPresent() ? " (dockerd default-gateway)" : ""))));
                publication.ifPresent(pub -> publish(c, host, pub, ip));
            }
        }
        if (spec.needsGatewayBridge(c)) {
            gatewayBridgeEndpoint(c, host, ns);
        }
        listen(ns, c.listening(), Provenance.of("container '" + c.name() + "'"));
    }

    /** The docker_gwbridge endpoint libnetwork gives a container whose only networks are overlays: its way out. */
    private void gatewayBridgeEndpoint(ContainerSpec c, HostSpec host, String ns) {
        NetworkPlan gw = plan.network(host.name(), DockerIpam.GATEWAY_BRIDGE).orElseThrow();
        Ipv4Address ip = plan.endpoint(c.name(), DockerIpam.GATEWAY_BRIDGE).orElseThrow();
        int index = Math.max(c.interfacesMade(), c.endpoints().size());
        LinkRef inside = LinkRef.end(ns, "eth" + index);
        Provenance p = Provenance.of("container '" + c.name() + "' endpoint on docker_gwbridge of node '" + host.name() + "'");
        BridgePort port = new BridgePort(LinkName.of(DockerIpam.GATEWAY_BRIDGE), !host.daemon().userlandProxy(), false);
        topo.link(new Veth(Iface.of(inside).withMac(MacAddress.dockerFromIp(ip)),
                Iface.of(LinkRef.end(host.name(), DockerNames.hostVeth(c.name(), DockerIpam.GATEWAY_BRIDGE))).withPort(port), p));
        topo.address(new Address(inside, Ipv4Interface.of(ip, gw.subnet().length()), p));
        topo.route(Route.via(ns, Ipv4Prefix.DEFAULT, gw.gateway(), Provenance.of("container '" + c.name()
                + "': default route via docker_gwbridge")));
        spec.publication(c).ifPresent(pub -> publish(c, host, pub, ip));
    }

    /**
     * Published ports of a container (see {@link Publication}): iptables rules, and docker-proxy unless userland-proxy
     * is off. A binding without a host port gets the next free one of the ephemeral range.
     */
    private void publish(ContainerSpec c, HostSpec host, Publication publication, Ipv4Address containerIp) {
        String bridge = publication.onGatewayBridge() ? DockerIpam.GATEWAY_BRIDGE
                : publication.network().map(DockerLowering::bridgeDeviceName).orElse(DockerNames.DEFAULT_BRIDGE_DEVICE);
        for (PortSpec p : publication.bindings()) {
            Ipv4Address hostIp = p.hostIp().orElseThrow();
            int hostPort = p.hostPort().isPresent() ? p.hostPort().getAsInt() : ephemeralPort(host.name(), p.protocol());
            DockerFirewall firewall = firewalls.get(host.name());
            if (firewall != null) {
                firewall.addPortBinding(c.name(), bridge, hostIp, hostPort, p.protocol(), containerIp, p.containerPort());
            }
            if (host.daemon().userlandProxy()) {
                topo.service(new PortProxy(host.name(), p.protocol(), hostIp, hostPort, containerIp, p.containerPort(),
                        Provenance.of("docker-proxy for container '" + c.name() + "' " + hostIp + ":" + hostPort + "->"
                                + p.containerPort() + "/" + p.protocol().iptablesName())));
            }
        }
    }

    /**
     * Docker's port allocator: the ephemeral range starts at Linux's ip_local_port_range (32768) and skips the ports
     * the host's containers ask for by number.
     */
    private int ephemeralPort(String host, IpProtocol proto) {
        String key = host + "/" + proto;
        Set<Integer> explicit = explicitPorts.computeIfAbsent(key, k -> spec.containers().values().stream()
                .filter(c -> c.host().equals(host)).flatMap(c -> c.ports().stream())
                .filter(p -> p.protocol() == proto && p.hostPort().isPresent()).map(p -> p.hostPort().getAsInt())
                .collect(Collectors.toSet()));
        int next = ephemeralPorts.getOrDefault(key, FIRST_EPHEMERAL_PORT);
        while (explicit.contains(next)) {
            next++;
        }
        ephemeralPorts.put(key, next + 1);
        return next;
    }
}
