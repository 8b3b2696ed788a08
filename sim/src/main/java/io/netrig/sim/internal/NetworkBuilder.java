package io.netrig.sim.internal;

import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.Address;
import io.netrig.model.topology.Bridge;
import io.netrig.model.topology.Dummy;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.Ipvlan;
import io.netrig.model.topology.Link;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Macvlan;
import io.netrig.model.topology.Namespace;
import io.netrig.model.topology.NeighbourEntry;
import io.netrig.model.topology.Service;
import io.netrig.model.topology.Sysctl;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import io.netrig.model.topology.Vlan;
import io.netrig.model.topology.Vxlan;
import io.netrig.sim.core.Simulator;
import io.netrig.sim.device.BridgeDevice;
import io.netrig.sim.device.BridgeFilter;
import io.netrig.sim.device.DummyDevice;
import io.netrig.sim.device.IpvlanDevice;
import io.netrig.sim.device.LoopbackDevice;
import io.netrig.sim.device.MacvlanDevice;
import io.netrig.sim.device.NetDevice;
import io.netrig.sim.device.VethEnd;
import io.netrig.sim.device.VlanDevice;
import io.netrig.sim.device.VxlanDevice;
import io.netrig.sim.netfilter.Conntrack;
import io.netrig.sim.netfilter.Netfilter;
import io.netrig.sim.service.ServiceInstaller;
import io.netrig.sim.stack.BridgeNetfilter;
import io.netrig.sim.stack.IpStack;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Realises a {@link Topology} in a simulator, and changes a running one into another. Building is changing the empty
 * topology into the lab's. Everything is created in topology order, so the seeded MACs, and with them every frame,
 * depend only on the topologies applied and the seed.
 *
 * <p>A change is applied object kind by object kind, each by the difference between the two topologies:
 * <ul>
 * <li>namespaces: new ones get a fresh stack; those that stay keep theirs, with its neighbour cache, conntrack and
 *     sockets; those gone are dropped with everything in them;</li>
 * <li>links are compared as whole values: one that changed in any way (its MACs, MTU, bridge port flags) is deleted and
 *     created again, as is every macvlan, ipvlan or vlan stacked on a deleted interface; surviving interfaces keep
 *     their captures, a deleted one's capture keeps what it saw;</li>
 * <li>addresses are removed and added one by one; the main routing table of every namespace is replaced (it holds no
 *     state), and so are rulesets that changed (conntrack stays);</li>
 * <li>a vxlan device's static FDB is replaced (its learnt entries stay); permanent neighbour entries are removed and
 *     added one by one, and all of those of a created interface are added;</li>
 * <li>sysctls are applied again; services that are gone close their sockets, new ones open theirs, unchanged ones keep
 *     theirs; resolver files need nothing here, lookups read them from the lab's current topology.</li>
 * </ul>
 * The simulator cannot undo half a change: a change that fails (a device refusing a parent, an address clash) leaves
 * the lab part-changed, and the exception says so.
 */
public final class NetworkBuilder {
    private static final Pattern ROUTE_LOCALNET = Pattern.compile("net\\.ipv4\\.conf\\.([^.]+)\\.route_localnet");
    private static final Topology EMPTY = new Topology("", List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    private final SimNetwork network;
    private final Simulator sim;

    private NetworkBuilder(SimNetwork network) {
        this.network = network;
        this.sim = network.sim();
    }

    public static SimNetwork build(Topology topology, long seed) {
        SimNetwork network = new SimNetwork(new Simulator(seed));
        new NetworkBuilder(network).apply(EMPTY, topology);
        return network;
    }

    /** Changes {@code network}, which runs {@code current}, into {@code next}. */
    public static void update(SimNetwork network, Topology current, Topology next) {
        new NetworkBuilder(network).apply(current, next);
    }

    private void apply(Topology current, Topology next) {
        Map<String, IpStack> stacks = network.mutableStacks();
        Map<LinkRef, NetDevice> devices = network.mutableDevices();
        Set<String> nextNamespaces = new HashSet<>(next.namespaces().stream().map(Namespace::name).toList());

        // services that go, or whose namespace goes
        Set<Service> nextServices = new HashSet<>(next.services());
        for (Service s : current.services()) {
            if (!nextServices.contains(s)) {
                Runnable close = network.openServices().remove(s);
                if (close != null && stacks.containsKey(s.namespace())) {
                    close.run();
                }
            }
        }

        // links that go or change, and what is stacked on them
        Set<Link> nextLinks = new HashSet<>(next.links());
        Set<LinkRef> deleted = new HashSet<>();
        current.links().stream().filter(l -> !nextLinks.contains(l)).forEach(l -> l.ifaces().forEach(i -> deleted.add(i.ref())));
        // a vxlan whose socket's namespace goes is deleted with it (its socket would be gone)
        current.links().stream().filter(l -> l instanceof Vxlan x && !nextNamespaces.contains(x.underlay()))
                .forEach(l -> l.ifaces().forEach(i -> deleted.add(i.ref())));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Link l : current.links()) {
                boolean onDeleted = l.stackedOn().filter(deleted::contains).isPresent();
                if (onDeleted && !deleted.contains(l.ifaces().getFirst().ref())) {
                    l.ifaces().forEach(i -> deleted.add(i.ref()));
                    grew = true;
                }
            }
        }
        Set<LinkRef> existing = new HashSet<>(devices.keySet());
        for (Link l : current.links().reversed()) {
            for (Iface i : l.ifaces()) {
                if (deleted.contains(i.ref())) {
                    NetDevice d = devices.remove(i.ref());
                    if (d != null) {
                        stacks.get(i.ref().namespace()).removeDevice(d);
                    }
                }
            }
        }

        // namespaces that go
        for (Namespace ns : current.namespaces()) {
            if (!nextNamespaces.contains(ns.name())) {
                IpStack gone = stacks.remove(ns.name());
                gone.devices().forEach(gone::removeDevice);
                devices.keySet().removeIf(ref -> ref.namespace().equals(ns.name()));
            }
        }

        // namespaces that come
        Set<String> fresh = new LinkedHashSet<>();
        for (Namespace ns : next.namespaces()) {
            if (!stacks.containsKey(ns.name())) {
                fresh.add(ns.name());
                LoopbackDevice lo = new LoopbackDevice(sim, LinkRef.end(ns.name(), "lo"));
                IpStack stack = new IpStack(ns.name(), sim, enabled(next, ns.name(), Sysctl.IP_FORWARD), lo,
                        addresses -> new Netfilter(ns.name(), next.ruleset(ns.name()), new Conntrack(sim::now), addresses));
                stacks.put(ns.name(), stack);
                devices.put(lo.ref(), lo);
            }
        }

        // links that come (again)
        List<Pending> stacked = new ArrayList<>();
        Set<LinkRef> created = new HashSet<>();
        for (Link link : next.links()) {
            if (link.ifaces().stream().allMatch(i -> devices.containsKey(i.ref()))) {
                continue;
            }
            link.ifaces().forEach(i -> created.add(i.ref()));
            switch (link) {
                case Veth(Iface a, Iface b, var provenance) -> {
                    VethEnd ea = new VethEnd(sim, a.ref(), mac(a, sim.random()));
                    VethEnd eb = new VethEnd(sim, b.ref(), mac(b, sim.random()));
                    VethEnd.pair(ea, eb);
                    add(ea);
                    add(eb);
                }
                case Bridge(Iface self, var ageing, var provenance) ->
                        add(new BridgeDevice(sim, self.ref(), mac(self, sim.random()), ageing));
                case Dummy(Iface self, var provenance) -> add(new DummyDevice(sim, self.ref(), mac(self, sim.random())));
                // the MAC is drawn here, in topology order; the device waits until its parent exists
                case Macvlan m -> stacked.add(new Pending(m, Optional.of(mac(m.self(), sim.random()))));
                case Ipvlan i -> stacked.add(new Pending(i, Optional.empty()));
                case Vlan v -> stacked.add(new Pending(v, Optional.empty()));
                case Vxlan x -> add(vxlan(x, stacks));
            }
        }
        createStacked(stacked);
        for (Iface iface : next.ifaces().toList()) {
            if (created.contains(iface.ref())) {
                devices.get(iface.ref()).setMtu(iface.mtu());
            }
        }
        for (Iface iface : next.ifaces().toList()) {
            iface.port().ifPresent(port -> {
                NetDevice device = devices.get(iface.ref());
                if (device.membership().isEmpty()
                        && devices.get(new LinkRef(iface.ref().namespace(), port.bridge())) instanceof BridgeDevice bridge) {
                    bridge.addPort(device, port.hairpin(), port.isolated());
                } else if (device.membership().isEmpty()) {
                    throw new IllegalArgumentException(iface.ref() + " is a port of " + port.bridge() + ", which is not a bridge");
                }
            });
        }

        // sysctls, applied again everywhere
        for (Namespace ns : next.namespaces()) {
            IpStack stack = stacks.get(ns.name());
            stack.setForwarding(enabled(next, ns.name(), Sysctl.IP_FORWARD));
            stack.resetRouteLocalnet();
            stack.icmpLimit().resetSysctls();
        }
        for (Sysctl s : next.sysctls()) {
            stacks.get(s.namespace()).icmpLimit().configure(s.key(), s.value());
            Matcher m = ROUTE_LOCALNET.matcher(s.key());
            if (m.matches() && "1".equals(s.value().trim())) {
                stacks.get(s.namespace()).enableRouteLocalnet(m.group(1).replace('/', '.'));  // sysctl writes eth0.100 as eth0/100
            }
        }
        for (Link link : next.links()) {
            if (link instanceof Bridge b && devices.get(b.self().ref()) instanceof BridgeDevice bridge) {
                String ns = b.self().ref().namespace();
                // br_netfilter's per-namespace default is 1 (since Linux 5.3), and Docker has the module loaded
                bridge.setFilter(!disabled(next, ns, Sysctl.BRIDGE_NF_CALL_IPTABLES) ? new BridgeNetfilter(stacks.get(ns)) : BridgeFilter.none());
            }
        }

        // addresses: those of surviving interfaces by difference, all of those on created ones
        Set<Address> nextAddresses = new HashSet<>(next.addresses());
        for (Address a : current.addresses()) {
            if (!nextAddresses.contains(a) && existing.contains(a.ref()) && !created.contains(a.ref()) && devices.containsKey(a.ref())) {
                stacks.get(a.ref().namespace()).removeAddress(devices.get(a.ref()), a.address());
            }
        }
        Set<Address> currentAddresses = new HashSet<>(current.addresses());
        for (Address a : next.addresses()) {
            if (!currentAddresses.contains(a) || created.contains(a.ref())) {
                stacks.get(a.ref().namespace()).addAddress(devices.get(a.ref()), a.address());
            }
        }

        // static FDB entries of vxlan devices (they hold no state; learnt entries stay), and permanent neighbours
        for (Link link : next.links()) {
            if (link instanceof Vxlan x && devices.get(x.self().ref()) instanceof VxlanDevice vxlan) {
                vxlan.setStaticFdb(next.fdbOf(x.self().ref()));
            }
        }
        Set<NeighbourEntry> nextNeighbours = new HashSet<>(next.neighbours());
        for (NeighbourEntry e : current.neighbours()) {
            NetDevice device = devices.get(e.dev());
            if (!nextNeighbours.contains(e) && device != null && !created.contains(e.dev())) {
                stacks.get(e.dev().namespace()).removeNeighbour(device, e.address());
            }
        }
        Set<NeighbourEntry> currentNeighbours = new HashSet<>(current.neighbours());
        for (NeighbourEntry e : next.neighbours()) {
            if (!currentNeighbours.contains(e) || created.contains(e.dev())) {
                stacks.get(e.dev().namespace()).addPermanentNeighbour(devices.get(e.dev()), e.address(), e.mac());
            }
        }

        // routes and rulesets
        for (Namespace ns : next.namespaces()) {
            IpStack stack = stacks.get(ns.name());
            if (fresh.contains(ns.name())) {
                next.routesIn(ns.name()).forEach(stack::addRoute);
            } else {
                stack.replaceRoutes(next.routesIn(ns.name()));
                if (!current.ruleset(ns.name()).equals(next.ruleset(ns.name()))) {
                    stack.netfilter().replaceRules(next.ruleset(ns.name()));
                }
            }
            if (fresh.contains(ns.name()) || !current.loadBalancersIn(ns.name()).equals(next.loadBalancersIn(ns.name()))) {
                stack.netfilter().replaceBalancers(next.loadBalancersIn(ns.name()));
            }
            if (fresh.contains(ns.name()) || !current.ipsecIn(ns.name()).equals(next.ipsecIn(ns.name()))) {
                stack.replaceIpsec(next.ipsecIn(ns.name()));
            }
        }

        // services that come
        for (Service s : next.services()) {
            if (!network.openServices().containsKey(s)) {
                network.openServices().put(s, ServiceInstaller.install(s, stacks.get(s.namespace()), sim));
            }
        }
    }

    /**
     * A vxlan device on the socket of its underlay namespace; its proxy answers ARP from its own namespace's
     * neighbour table.
     */
    private VxlanDevice vxlan(Vxlan x, Map<String, IpStack> stacks) {
        LinkRef ref = x.self().ref();
        IpStack underlay = stacks.get(x.underlay());
        if (underlay == null) {
            throw new IllegalArgumentException("vxlan " + ref + " (" + x.provenance() + ") has its socket in namespace '"
                    + x.underlay() + "', which is not in this lab");
        }
        MacAddress mac = mac(x.self(), sim.random());
        IpStack own = stacks.get(ref.namespace());
        return VxlanDevice.create(sim, ref, mac, new VxlanDevice.Config(x.vni(), x.local(), x.learning(), x.proxy()),
                underlay.vxlanSocket(x.port()), own::resolvedNeighbour);
    }

    /** A macvlan, ipvlan or vlan waiting for its parent (the MAC of a macvlan was drawn in topology order). */
    private record Pending(Link link, Optional<MacAddress> mac) {
    }

    /** Creates stacked devices once their parents exist (a macvlan on a vlan needs the vlan first). */
    private void createStacked(List<Pending> pending) {
        Map<LinkRef, NetDevice> devices = network.mutableDevices();
        List<Pending> waiting = new ArrayList<>(pending);
        while (!waiting.isEmpty()) {
            boolean progress = false;
            for (Pending p : List.copyOf(waiting)) {
                LinkRef parentRef = p.link().stackedOn().orElseThrow();
                NetDevice parent = devices.get(parentRef);
                if (parent == null) {
                    continue;
                }
                waiting.remove(p);
                progress = true;
                switch (p.link()) {
                    case Macvlan m -> add(MacvlanDevice.create(sim, m.self().ref(), p.mac().orElseThrow(), m.mode(), parent));
                    case Ipvlan i -> add(IpvlanDevice.create(sim, i.self().ref(), i.mode(), parent));
                    case Vlan v -> add(VlanDevice.create(sim, v.self().ref(), v.self().mac(), parent, v.vlanId()));
                    case Veth v -> throw new IllegalStateException("a veth is not stacked");
                    case Bridge b -> throw new IllegalStateException("a bridge is not stacked");
                    case Dummy d -> throw new IllegalStateException("a dummy is not stacked");
                    case Vxlan x -> throw new IllegalStateException("a vxlan is not stacked");
                }
            }
            if (!progress) {
                Pending p = waiting.getFirst();
                throw new IllegalArgumentException(p.link().ifaces().getFirst().ref() + " has parent " + p.link().stackedOn().orElseThrow()
                        + ", which is not an interface of this lab");
            }
        }
    }

    private void add(NetDevice device) {
        network.mutableStacks().get(device.ref().namespace()).addDevice(device);
        network.mutableDevices().put(device.ref(), device);
    }

    private static boolean disabled(Topology topology, String namespace, String key) {
        return topology.sysctl(namespace, key).map(String::trim).filter("0"::equals).isPresent();
    }

    private static boolean enabled(Topology topology, String namespace, String key) {
        return topology.sysctl(namespace, key).map(String::trim).filter("1"::equals).isPresent();
    }

    /** The topology's MAC, else a random one that is locally administered and unicast, as the kernel picks. */
    private static MacAddress mac(Iface iface, RandomGenerator random) {
        long bits = random.nextLong() & 0xffff_ffff_ffffL;
        MacAddress generated = new MacAddress(bits & ~(1L << 40) | 1L << 41);
        return iface.mac().orElse(generated);
    }
}
