package io.netrig.kernel;

import static io.netrig.model.topology.LinkRef.end;

import io.netrig.model.firewall.Chain;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.firewall.Match;
import io.netrig.model.firewall.Policy;
import io.netrig.model.firewall.Rule;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.firewall.Table;
import io.netrig.model.firewall.TableName;
import io.netrig.model.firewall.Target;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.LinkName;
import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.BridgePort;
import io.netrig.model.topology.FdbEntry;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.NamespaceKind;
import io.netrig.model.topology.NeighbourEntry;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import io.netrig.model.topology.Vxlan;
import java.util.List;
import java.util.Optional;

/**
 * A Docker overlay network 'ov' (10.0.0.0/24, VNI 4097) across two hosts on one LAN, laid out as Docker's overlay
 * driver does it: segment namespace sw-lan (bridge br0, ports p1 and p2) joins host1 (eth0 10.9.0.1) and host2
 * (eth0 10.9.0.2); each host has an overlay namespace ovN holding br0 (the gateway address 10.0.0.1, as Docker puts
 * it there) and vxlan0 (a port of br0, MTU 1450, socket in hostN's namespace, no learning, ARP proxy), static FDB
 * entries for the other host's containers and permanent neighbour entries for their addresses, both on vxlan0. Each
 * container cK (10.0.0.(K+1), Docker's MAC 02:42:0a:00:00:xx, MTU 1450) has a veth into its host's br0; containers
 * 1..n are on host1, n+1..2n on host2. Optionally host2 drops VXLAN (udp dport 4789) in its INPUT chain.
 */
public final class OverlayTopology {
    public static final int VNI = 4097;
    public static final Ipv4Address HOST1 = Ipv4Address.parse("10.9.0.1");
    public static final Ipv4Address HOST2 = Ipv4Address.parse("10.9.0.2");
    private static final LinkName BR0 = LinkName.of("br0");
    private static final Provenance NET = Provenance.of("network 'ov' (overlay, VNI 4097)");
    public static final Provenance DROP = Provenance.of("host2: iptables -A INPUT -p udp --dport 4789 -j DROP");

    private OverlayTopology() {
    }

    /** The address of container {@code k} (1-based). */
    public static Ipv4Address container(int k) {
        return Ipv4Address.parse("10.0.0.0").plus(k + 1);
    }

    public static Topology topology(int perHost, boolean host2DropsVxlan) {
        return topology(perHost, host2DropsVxlan, VNI);
    }

    public static Topology topology(int perHost, boolean host2DropsVxlan, int vni) {
        Topology.Builder b = Topology.builder("overlay-2-hosts")
                .namespace("sw-lan", NamespaceKind.SEGMENT, Provenance.of("segment 'lan'"))
                .bridge(end("sw-lan", "br0"));
        for (int h = 1; h <= 2; h++) {
            String host = "host" + h;
            String ov = "ov" + h;
            b.namespace(host, NamespaceKind.HOST, Provenance.of("host '" + host + "'"))
                    .namespace(ov, NamespaceKind.HOST, Provenance.of("overlay namespace of 'ov' on " + host))
                    .link(new Veth(Iface.of(end(host, "eth0")), Iface.of(end("sw-lan", "p" + h)).withPort(BridgePort.of(BR0)),
                            Provenance.of(host + " eth0 on segment 'lan'")))
                    .address(end(host, "eth0"), Ipv4Interface.parse((h == 1 ? HOST1 : HOST2) + "/24"))
                    .bridge(end(ov, "br0"))
                    .address(end(ov, "br0"), Ipv4Interface.parse("10.0.0.1/24"))
                    .link(new Vxlan(Iface.of(end(ov, "vxlan0")).withMtu(1450).withPort(BridgePort.of(BR0)), host, vni,
                            Vxlan.DEFAULT_PORT, Optional.empty(), false, true, NET));
            Ipv4Address remoteVtep = h == 1 ? HOST2 : HOST1;
            LinkRef vxlan0 = end(ov, "vxlan0");
            for (int i = 1; i <= perHost; i++) {
                int k = (h - 1) * perHost + i;
                String c = "c" + k;
                Ipv4Address ip = container(k);
                Provenance p = Provenance.of("container '" + c + "' endpoint on 'ov'");
                b.namespace(c, NamespaceKind.CONTAINER, Provenance.of("container '" + c + "'"))
                        .link(new Veth(Iface.of(end(ov, "veth" + k)).withMtu(1450).withPort(BridgePort.of(BR0)),
                                Iface.of(end(c, "eth0")).withMtu(1450).withMac(MacAddress.dockerFromIp(ip)), p))
                        .address(end(c, "eth0"), Ipv4Interface.parse(ip + "/24"));
                int remote = (2 - h) * perHost + i;
                Ipv4Address remoteIp = container(remote);
                MacAddress remoteMac = MacAddress.dockerFromIp(remoteIp);
                Provenance peer = Provenance.of("peer container 'c" + remote + "' on the other host");
                b.fdb(new FdbEntry(vxlan0, remoteMac, remoteVtep, peer))
                        .neighbour(new NeighbourEntry(vxlan0, remoteIp, remoteMac, peer));
            }
        }
        if (host2DropsVxlan) {
            b.ruleset(new Ruleset("host2", List.of(new Table(TableName.FILTER, List.of(
                    new Chain("INPUT", Optional.of(Policy.ACCEPT), List.of(Rule.of(new Target.Drop(), DROP,
                            new Match.Protocol(IpProtocol.UDP, false), new Match.DestinationPort(Vxlan.DEFAULT_PORT, Vxlan.DEFAULT_PORT, false)))),
                    new Chain("FORWARD", Optional.of(Policy.ACCEPT), List.of()),
                    new Chain("OUTPUT", Optional.of(Policy.ACCEPT), List.of()))))));
        }
        return b.build();
    }
}
