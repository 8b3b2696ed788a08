package io.netrig.model.render;

import io.netrig.model.firewall.Ruleset;
import io.netrig.model.topology.Address;
import io.netrig.model.topology.Bridge;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.Link;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.LoadBalancer;
import io.netrig.model.topology.Dummy;
import io.netrig.model.topology.FdbEntry;
import io.netrig.model.topology.IpsecAssociation;
import io.netrig.model.topology.Ipvlan;
import io.netrig.model.topology.IpvlanMode;
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
import java.util.List;

/**
 * Prints a topology as the shell commands that would build it by hand ({@code ip netns add}, {@code ip -n NS link
 * add ...}, {@code sysctl}, {@code iptables-restore}). For people reading a lowering; the kernel backend builds
 * from the typed objects, not from this text.
 */
public final class IpCommands {
    private IpCommands() {
    }

    public static String render(Topology t) {
        List<String> out = new ArrayList<>();
        out.add("# netrig lowering of '" + t.name() + "'");
        for (Namespace ns : t.namespaces()) {
            out.add("ip netns add " + ns.name() + "    # " + ns.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + ns.provenance());
        }
        for (Namespace ns : t.namespaces()) {
            out.add("ip -n " + ns.name() + " link set lo up");
        }
        for (Link link : t.links()) {
            out.add("# " + link.provenance());
            switch (link) {
                case Veth(Iface a, Iface b, var p) -> out.add("ip -n " + a.ref().namespace() + " link add " + a.ref().name()
                        + " type veth peer name " + b.ref().name() + " netns " + b.ref().namespace());
                case Bridge(Iface self, var ageing, var p) -> out.add("ip -n " + self.ref().namespace() + " link add "
                        + self.ref().name() + " type bridge stp_state 0 ageing_time " + ageing.toSeconds() * 100);
                case Macvlan(Iface self, LinkRef parent, MacvlanMode mode, var p) -> out.add("ip -n " + parent.namespace()
                        + " link add link " + parent.name() + " name " + self.ref().name() + " netns " + self.ref().namespace()
                        + " type macvlan mode " + mode.ipName());
                case Ipvlan(Iface self, LinkRef parent, IpvlanMode mode, var p) -> out.add("ip -n " + parent.namespace()
                        + " link add link " + parent.name() + " name " + self.ref().name() + " netns " + self.ref().namespace()
                        + " type ipvlan mode " + mode.ipName());
                case Vlan(Iface self, LinkRef parent, int id, var p) -> out.add("ip -n " + self.ref().namespace() + " link add link "
                        + parent.name() + " name " + self.ref().name() + " type vlan id " + id);
                case Dummy(Iface self, var p) -> out.add("ip -n " + self.ref().namespace() + " link add " + self.ref().name()
                        + " type dummy");
                case Vxlan(Iface self, String underlay, int vni, int port, var local, boolean learning, boolean proxy, var p) -> out.add("ip -n "
                        + underlay + " link add " + self.ref().name() + " type vxlan id " + vni + " dstport " + port
                        + local.map(a -> " local " + a).orElse("") + (learning ? "" : " nolearning") + (proxy ? " proxy" : "")
                        + (underlay.equals(self.ref().namespace()) ? "" : " && ip -n " + underlay + " link set " + self.ref().name()
                        + " netns " + self.ref().namespace()));
            }
            for (Iface i : link.ifaces()) {
                String base = "ip -n " + i.ref().namespace() + " link set " + i.ref().name();
                i.mac().ifPresent(mac -> out.add(base + " address " + mac));
                if (i.mtu() != Iface.DEFAULT_MTU) {
                    out.add(base + " mtu " + i.mtu());
                }
                i.port().ifPresent(port -> {
                    out.add(base + " master " + port.bridge());
                    if (port.hairpin() || port.isolated()) {
                        out.add("bridge -n " + i.ref().namespace() + " link set dev " + i.ref().name()
                                + (port.hairpin() ? " hairpin on" : "") + (port.isolated() ? " isolated on" : ""));
                    }
                });
                out.add(base + " up");
            }
        }
        for (FdbEntry e : t.fdb()) {
            out.add("bridge -n " + e.dev().namespace() + " fdb append " + e.mac() + " dev " + e.dev().name() + " dst " + e.remote()
                    + " self permanent    # " + e.provenance());
        }
        for (NeighbourEntry e : t.neighbours()) {
            out.add("ip -n " + e.dev().namespace() + " neigh add " + e.address() + " lladdr " + e.mac() + " dev " + e.dev().name()
                    + " nud permanent    # " + e.provenance());
        }
        for (Address a : t.addresses()) {
            out.add("ip -n " + a.ref().namespace() + " addr add " + a.address() + " dev " + a.ref().name() + "    # " + a.provenance());
        }
        for (Route r : t.routes()) {
            out.add("ip -n " + r.namespace() + " route add " + (r.destination().isDefault() ? "default" : r.destination().toString())
                    + r.via().map(v -> " via " + v).orElse("") + r.dev().map(d -> " dev " + d).orElse("")
                    + r.src().map(a -> " src " + a).orElse("")
                    + (r.metric() == 0 ? "" : " metric " + r.metric()) + "    # " + r.provenance());
        }
        for (Sysctl s : t.sysctls()) {
            out.add("ip netns exec " + s.namespace() + " sysctl -w " + s.key() + "=" + s.value() + "    # " + s.provenance());
        }
        for (Ruleset rs : t.rulesets()) {
            out.add("ip netns exec " + rs.namespace() + " iptables-restore <<'EOF'");
            out.add(IptablesSave.render(rs).stripTrailing());
            out.add("EOF");
        }
        for (IpsecAssociation a : t.ipsec()) {
            out.add("ip -n " + a.namespace() + " xfrm state add src " + a.local() + " dst " + a.remote() + " proto esp spi 0x"
                    + Long.toHexString(a.spiOut()) + " mode transport aead 'rfc4106(gcm(aes))' 0x" + a.keyOut() + " 64    # " + a.provenance());
            out.add("ip -n " + a.namespace() + " xfrm state add src " + a.remote() + " dst " + a.local() + " proto esp spi 0x"
                    + Long.toHexString(a.spiIn()) + " mode transport aead 'rfc4106(gcm(aes))' 0x" + a.keyIn() + " 64");
            out.add("ip -n " + a.namespace() + " xfrm policy add src " + a.local() + "/32 dst " + a.remote() + "/32 proto udp dport "
                    + a.port() + " dir out tmpl proto esp mode transport    # VNIs " + a.vnis() + " (Docker selects them by mark)");
        }
        for (LoadBalancer b : t.loadBalancers()) {
            // IPVS as ipvsadm would set it up, with the frontend as a firewall mark's packets (Docker marks them in mangle)
            out.add("# ip netns exec " + b.namespace() + " ipvsadm: " + b.service() + " " + b.frontend().describe() + " rr -> "
                    + String.join(" ", b.backends().stream().map(Object::toString).toList()) + " (masq)"
                    + b.sourceNat().map(a -> ", SNAT to " + a).orElse("") + "    # " + b.provenance());
        }
        return String.join("\n", out) + "\n";
    }
}
