package io.netrig.kernel;

import static io.netrig.model.topology.LinkRef.end;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.net.LinkName;
import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.BridgePort;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.Macvlan;
import io.netrig.model.topology.MacvlanMode;
import io.netrig.model.topology.NamespaceKind;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.Route;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import java.util.Optional;

/**
 * A Docker macvlan network on a LAN: switch namespace sw-lan (bridge br0), host1 whose NIC ens160 is the parent of
 * two containers' eth0 (bridge mode), and a router on the same LAN. Optionally host1 gets Docker's usual workaround
 * for macvlan parent isolation: a macvlan "shim" of its own with a /32 route to node-1 through it.
 */
public final class MacvlanTopology {
    public static final Ipv4Address ROUTER = Ipv4Address.parse("10.3.1.1");
    public static final Ipv4Address HOST1 = Ipv4Address.parse("10.3.1.45");
    public static final Ipv4Address NODE1 = Ipv4Address.parse("10.3.1.145");
    public static final Ipv4Address NODE2 = Ipv4Address.parse("10.3.1.146");

    private MacvlanTopology() {
    }

    public static Topology topology(boolean shim) {
        Provenance net = Provenance.of("network 'lan_net' (macvlan, parent ens160)");
        LinkName br0 = LinkName.of("br0");
        Topology.Builder b = Topology.builder(shim ? "macvlan-with-shim" : "macvlan")
                .namespace("sw-lan", NamespaceKind.SEGMENT, Provenance.of("segment 'lan'"))
                .namespace("host1", NamespaceKind.HOST, Provenance.of("host 'host1'"))
                .namespace("router", NamespaceKind.HOST, Provenance.of("machine 'router'"))
                .namespace("node-1", NamespaceKind.CONTAINER, Provenance.of("container 'node-1'"))
                .namespace("node-2", NamespaceKind.CONTAINER, Provenance.of("container 'node-2'"))
                .bridge(end("sw-lan", "br0"))
                .link(new Veth(Iface.of(end("host1", "ens160")), Iface.of(end("sw-lan", "p1")).withPort(BridgePort.of(br0)),
                        Provenance.of("host1 ens160 on segment 'lan'")))
                .link(new Veth(Iface.of(end("router", "eth0")), Iface.of(end("sw-lan", "p2")).withPort(BridgePort.of(br0)),
                        Provenance.of("router eth0 on segment 'lan'")))
                .link(container("node-1", "02:42:0a:03:01:91"))
                .link(container("node-2", "02:42:0a:03:01:92"))
                .address(end("host1", "ens160"), Ipv4Interface.parse("10.3.1.45/24"))
                .address(end("router", "eth0"), Ipv4Interface.parse("10.3.1.1/24"))
                .address(end("node-1", "eth0"), Ipv4Interface.parse("10.3.1.145/24"))
                .address(end("node-2", "eth0"), Ipv4Interface.parse("10.3.1.146/24"))
                .route(Route.via("node-1", Ipv4Prefix.DEFAULT, ROUTER, net))
                .route(Route.via("node-2", Ipv4Prefix.DEFAULT, ROUTER, net));
        if (shim) {
            Provenance p = Provenance.of("host1 shim macvlan_host (macvlan parent isolation workaround)");
            b.link(new Macvlan(Iface.of(end("host1", "macvlan_host")), end("host1", "ens160"), MacvlanMode.BRIDGE, p))
                    .address(end("host1", "macvlan_host"), Ipv4Interface.parse("10.3.1.200/32"))
                    .route(new Route("host1", Ipv4Prefix.parse("10.3.1.145/32"), Optional.empty(),
                            Optional.of(LinkName.of("macvlan_host")), 0, p));
        }
        return b.build();
    }

    private static Macvlan container(String name, String mac) {
        return new Macvlan(Iface.of(end(name, "eth0")).withMac(MacAddress.parse(mac)), end("host1", "ens160"),
                MacvlanMode.BRIDGE, Provenance.of("container '" + name + "' endpoint on 'lan_net'"));
    }
}
