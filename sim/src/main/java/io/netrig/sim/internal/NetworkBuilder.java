package io.netrig.sim.internal;

import io.netrig.model.net.LinkName;
import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.Address;
import io.netrig.model.topology.Bridge;
import io.netrig.model.topology.BridgePort;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.Link;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Macvlan;
import io.netrig.model.topology.MacvlanMode;
import io.netrig.model.topology.Namespace;
import io.netrig.model.topology.Route;
import io.netrig.model.topology.Service;
import io.netrig.model.topology.Sysctl;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import io.netrig.sim.core.Simulator;
import io.netrig.sim.device.BridgeDevice;
import io.netrig.sim.device.LoopbackDevice;
import io.netrig.sim.device.MacvlanDevice;
import io.netrig.sim.device.NetDevice;
import io.netrig.sim.device.VethEnd;
import io.netrig.sim.netfilter.Conntrack;
import io.netrig.sim.netfilter.Netfilter;
import io.netrig.sim.service.ServiceInstaller;
import io.netrig.sim.stack.BridgeNetfilter;
import io.netrig.sim.stack.IpStack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Realises a {@link Topology} in a fresh simulator. Everything is created in topology order, so the seeded
 * MACs, and with them every frame, depend only on the topology and the seed.
 */
public final class NetworkBuilder {
    private static final Pattern ROUTE_LOCALNET = Pattern.compile("net\\.ipv4\\.conf\\.([^.]+)\\.route_localnet");

    private NetworkBuilder() {
    }

    public static SimNetwork build(Topology topology, long seed) {
        Simulator sim = new Simulator(seed);
        Map<String, IpStack> stacks = new LinkedHashMap<>();
        Map<LinkRef, NetDevice> devices = new LinkedHashMap<>();
        List<PendingMacvlan> macvlans = new ArrayList<>();
        for (Namespace ns : topology.namespaces()) {
            boolean forwarding = enabled(topology, ns.name(), Sysctl.IP_FORWARD);
            LoopbackDevice lo = new LoopbackDevice(sim, LinkRef.end(ns.name(), "lo"));
            IpStack stack = new IpStack(ns.name(), sim, forwarding, lo, addresses -> new Netfilter(ns.name(),
                    topology.ruleset(ns.name()), new Conntrack(sim::now), addresses));
            stacks.put(ns.name(), stack);
            devices.put(lo.ref(), lo);
        }
        for (Link link : topology.links()) {
            switch (link) {
                case Veth(Iface a, Iface b, var provenance) -> {
                    VethEnd ea = new VethEnd(sim, a.ref(), mac(a, sim.random()));
                    VethEnd eb = new VethEnd(sim, b.ref(), mac(b, sim.random()));
                    VethEnd.pair(ea, eb);
                    add(ea, stacks, devices);
                    add(eb, stacks, devices);
                }
                case Bridge(Iface self, var ageing, var provenance) -> {
                    BridgeDevice bridge = new BridgeDevice(sim, self.ref(), mac(self, sim.random()), ageing);
                    add(bridge, stacks, devices);
                    if (enabled(topology, self.ref().namespace(), Sysctl.BRIDGE_NF_CALL_IPTABLES)) {
                        bridge.setFilter(new BridgeNetfilter(stacks.get(self.ref().namespace())));
                    }
                }
                // the MAC is drawn here, in topology order; the device waits until its parent exists
                case Macvlan(Iface self, LinkRef parent, MacvlanMode mode, var provenance) ->
                        macvlans.add(new PendingMacvlan(self, parent, mode, mac(self, sim.random())));
            }
        }
        topology.ifaces().forEach(iface -> iface.port().ifPresent(port -> enslave(iface, port, devices)));
        for (PendingMacvlan m : macvlans) {
            NetDevice parent = devices.get(m.parent());
            if (parent == null) {
                throw new IllegalArgumentException("macvlan " + m.self().ref() + " has parent " + m.parent()
                        + ", which is not an interface of this lab");
            }
            add(MacvlanDevice.create(sim, m.self().ref(), m.mac(), m.mode(), parent), stacks, devices);
        }
        for (Address a : topology.addresses()) {
            stacks.get(a.ref().namespace()).addAddress(devices.get(a.ref()), a.address());
        }
        for (Route r : topology.routes()) {
            stacks.get(r.namespace()).addRoute(r);
        }
        for (Sysctl s : topology.sysctls()) {
            Matcher m = ROUTE_LOCALNET.matcher(s.key());
            if (m.matches() && "1".equals(s.value().trim())) {
                stacks.get(s.namespace()).enableRouteLocalnet(m.group(1).replace('/', '.'));  // sysctl writes eth0.100 as eth0/100
            }
        }
        for (Service s : topology.services()) {
            ServiceInstaller.install(s, stacks.get(s.namespace()), sim);
        }
        return new SimNetwork(sim, stacks, devices);
    }

    private record PendingMacvlan(Iface self, LinkRef parent, MacvlanMode mode, MacAddress mac) {
    }

    private static void enslave(Iface iface, BridgePort port, Map<LinkRef, NetDevice> devices) {
        LinkName bridgeName = port.bridge();
        NetDevice master = devices.get(new LinkRef(iface.ref().namespace(), bridgeName));
        if (!(master instanceof BridgeDevice bridge)) {
            throw new IllegalArgumentException(iface.ref() + " is a port of " + bridgeName + ", which is not a bridge");
        }
        bridge.addPort(devices.get(iface.ref()), port.hairpin(), port.isolated());
    }

    private static void add(NetDevice device, Map<String, IpStack> stacks, Map<LinkRef, NetDevice> devices) {
        stacks.get(device.ref().namespace()).addDevice(device);
        devices.put(device.ref(), device);
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
