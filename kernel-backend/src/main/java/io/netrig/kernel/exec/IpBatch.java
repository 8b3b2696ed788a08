package io.netrig.kernel.exec;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.net.LinkName;
import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.IpvlanMode;
import io.netrig.model.topology.MacvlanMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The input of one {@code ip [-n NS] -batch -}: typed line builders, so that many kernel objects are made by one
 * process (one process per object is what makes labs slow to start).
 */
public final class IpBatch {
    private final Optional<String> namespace;
    private final List<String> lines = new ArrayList<>();

    private IpBatch(Optional<String> namespace) {
        this.namespace = namespace;
    }

    /** A batch not bound to one namespace: {@code netns add/del}, links created directly in lab namespaces. */
    public static IpBatch global() {
        return new IpBatch(Optional.empty());
    }

    /** A batch run inside one namespace ({@code ip -n NS -batch -}). */
    public static IpBatch in(String ns) {
        return new IpBatch(Optional.of(ns));
    }

    public IpBatch netnsAdd(String ns) {
        return line("netns add " + ns);
    }

    public IpBatch netnsDelete(String ns) {
        return line("netns del " + ns);
    }

    /** A veth pair whose ends are created directly in their namespaces, so no name ever appears in the root namespace. */
    public IpBatch vethAdd(LinkName name, String ns, LinkName peer, String peerNs) {
        return line("link add " + name + " netns " + ns + " type veth peer name " + peer + " netns " + peerNs);
    }

    /** A bridge with STP off (as Docker makes them), created directly in its namespace. */
    public IpBatch bridgeAdd(LinkName name, String ns, Duration ageing) {
        return line("link add " + name + " netns " + ns + " type bridge stp_state 0 ageing_time " + ageing.toMillis() / 10);
    }

    /** A macvlan on {@code parent} in the batch's namespace (used by the capability probe). */
    public IpBatch macvlanAdd(LinkName name, LinkName parent, MacvlanMode mode) {
        return line("link add " + name + " link " + parent + " type macvlan mode " + mode.ipName());
    }

    /**
     * A macvlan on {@code parent}, which lives in the batch's namespace, created directly in namespace {@code ns}: the
     * kernel makes the device in the target namespace, so, as for veth ends, its name never appears anywhere else.
     */
    public IpBatch macvlanAdd(LinkName name, String ns, LinkName parent, MacvlanMode mode) {
        return line("link add link " + parent + " name " + name + " netns " + ns + " type macvlan mode " + mode.ipName());
    }

    /** An ipvlan on {@code parent} (in the batch's namespace) created directly in namespace {@code ns}, as macvlans are. */
    public IpBatch ipvlanAdd(LinkName name, String ns, LinkName parent, IpvlanMode mode) {
        return line("link add link " + parent + " name " + name + " netns " + ns + " type ipvlan mode " + mode.ipName());
    }

    /** A dummy interface created directly in namespace {@code ns}. */
    public IpBatch dummyAdd(LinkName name, String ns) {
        return line("link add " + name + " netns " + ns + " type dummy");
    }

    /** Deletes a link of the batch's namespace (a veth takes its peer with it, a parent its macvlan/ipvlan/vlan children). */
    public IpBatch linkDelete(LinkName name) {
        return line("link del " + name);
    }

    public IpBatch addrDelete(LinkName dev, Ipv4Interface address) {
        return line("addr del " + address + " dev " + dev);
    }

    public IpBatch ipvlanAdd(LinkName name, LinkName parent, String mode) {
        return line("link add " + name + " link " + parent + " type ipvlan mode " + mode);
    }

    /** An 802.1q sub-interface of {@code parent}, in the batch's namespace (a VLAN lives beside its parent). */
    public IpBatch vlanAdd(LinkName name, LinkName parent, int id) {
        return line("link add " + name + " link " + parent + " type vlan id " + id);
    }

    /**
     * A VXLAN device created directly in namespace {@code ns} while its UDP socket stays in the batch's namespace (the
     * underlay): the kernel opens a VXLAN device's socket in the namespace the request came from, whichever namespace
     * the device is made in. The result is what Docker's overlay driver gets by creating the device in the host's
     * namespace and moving it, without the name ever appearing in the underlay (where a link of that name may exist).
     */
    public IpBatch vxlanAdd(LinkName name, String ns, int vni, int port, Optional<Ipv4Address> local, boolean learning, boolean proxy) {
        return line("link add " + name + " netns " + ns + " type vxlan id " + vni + " dstport " + port
                + local.map(a -> " local " + a).orElse("") + (learning ? "" : " nolearning") + (proxy ? " proxy" : ""));
    }

    /** A permanent neighbour entry: the namespace sends to {@code address} on {@code dev} without asking ARP. */
    public IpBatch neighAdd(LinkName dev, Ipv4Address address, MacAddress mac) {
        return line("neigh add " + address + " lladdr " + mac + " dev " + dev + " nud permanent");
    }

    public IpBatch neighDelete(LinkName dev, Ipv4Address address) {
        return line("neigh del " + address + " dev " + dev);
    }

    public IpBatch dummyAdd(LinkName name) {
        return line("link add " + name + " type dummy");
    }

    public IpBatch linkUp(LinkName name) {
        return line("link set " + name + " up");
    }

    public IpBatch linkMac(LinkName name, MacAddress mac) {
        return line("link set " + name + " address " + mac);
    }

    public IpBatch linkMtu(LinkName name, int mtu) {
        return line("link set " + name + " mtu " + mtu);
    }

    public IpBatch linkMaster(LinkName name, LinkName bridge) {
        return line("link set " + name + " master " + bridge);
    }

    /** Bridge port flags; only valid once the link is a port (after {@link #linkMaster}). */
    public IpBatch bridgePortFlags(LinkName name, boolean hairpin, boolean isolated) {
        return line("link set " + name + " type bridge_slave hairpin " + onOff(hairpin) + " isolated " + onOff(isolated));
    }

    public IpBatch addrAdd(LinkName dev, Ipv4Interface address) {
        return line("addr add " + address + " dev " + dev);
    }

    public IpBatch routeAdd(Ipv4Prefix destination, Optional<Ipv4Address> via, Optional<LinkName> dev, int metric) {
        return routeAdd(destination, via, dev, metric, Optional.empty());
    }

    /** {@code route add DEST [via GW] [dev DEV] [metric M] [src A]}; {@code src} is the preferred source address. */
    public IpBatch routeAdd(Ipv4Prefix destination, Optional<Ipv4Address> via, Optional<LinkName> dev, int metric,
                            Optional<Ipv4Address> src) {
        return line("route add " + routeSelector(destination, via, dev, metric) + src.map(a -> " src " + a).orElse(""));
    }

    /** Deletes exactly the route with this destination, gateway, device and metric. */
    public IpBatch routeDelete(Ipv4Prefix destination, Optional<Ipv4Address> via, Optional<LinkName> dev, int metric) {
        return line("route del " + routeSelector(destination, via, dev, metric));
    }

    private static String routeSelector(Ipv4Prefix destination, Optional<Ipv4Address> via, Optional<LinkName> dev, int metric) {
        return (destination.isDefault() ? "default" : destination.toString())
                + via.map(v -> " via " + v).orElse("") + dev.map(d -> " dev " + d).orElse("")
                + (metric == 0 ? "" : " metric " + metric);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public Optional<String> namespace() {
        return namespace;
    }

    public Command toCommand() {
        List<String> argv = new ArrayList<>(List.of("ip"));
        namespace.ifPresent(ns -> argv.addAll(List.of("-n", ns)));
        argv.addAll(List.of("-batch", "-"));
        Command c = Command.of(argv).withStdin(String.join("\n", lines) + "\n");
        return namespace.map(c::inNamespace).orElse(c);
    }

    private IpBatch line(String text) {
        lines.add(text);
        return this;
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }
}
