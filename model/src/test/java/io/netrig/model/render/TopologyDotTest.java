package io.netrig.model.render;

import static io.netrig.model.topology.LinkRef.end;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.LinkName;
import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.BridgePort;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.Ipvlan;
import io.netrig.model.topology.IpvlanMode;
import io.netrig.model.topology.Macvlan;
import io.netrig.model.topology.MacvlanMode;
import io.netrig.model.topology.NamespaceAlias;
import io.netrig.model.topology.NamespaceKind;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import io.netrig.model.topology.Vlan;
import io.netrig.model.topology.Vxlan;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopologyDotTest {
    private static final Provenance P = Provenance.of("test");

    private static Topology twoHosts() {
        return Topology.builder("two-hosts")
                .namespace("h1").namespace("h2")
                .veth(end("h1", "eth0"), end("h2", "eth0"))
                .address(end("h1", "eth0"), Ipv4Interface.parse("10.0.0.1/24"))
                .address(end("h2", "eth0"), Ipv4Interface.parse("10.0.0.2/24"))
                .build();
    }

    @Test
    void drawsNamespacesAsClustersAndAVethPairAsAnEdgeWithAddressesInTheLabels() {
        assertEquals("""
                graph "two-hosts" {
                  graph [label="lab two-hosts", labelloc=t, fontname="Helvetica", fontsize=14, rankdir=LR, newrank=true, compound=true, nodesep=0.3, ranksep=0.8];
                  node [fontname="Helvetica", fontsize=10, shape=box, style="rounded,filled", fillcolor=white];
                  edge [fontname="Helvetica", fontsize=9];
                  subgraph "cluster_0" {
                    label="h1 (host)";
                    style="rounded,filled"; color=gray40; fillcolor="#eeeeee";
                    "h1:eth0" [label="eth0\\n10.0.0.1/24"];
                  }
                  subgraph "cluster_1" {
                    label="h2 (host)";
                    style="rounded,filled"; color=gray40; fillcolor="#eeeeee";
                    "h2:eth0" [label="eth0\\n10.0.0.2/24"];
                  }
                  "h1:eth0" -- "h2:eth0" [label="veth", style=bold];
                }
                """, TopologyDot.render(twoHosts()));
    }

    @Test
    void givesTheSameTextForTheSameTopology() {
        assertEquals(TopologyDot.render(twoHosts()), TopologyDot.render(twoHosts()));
    }

    @Test
    void drawsBridgesAndStackedLinksAsNodesInTheirNamespaceWithEdgesToBridgeOrParent() {
        Topology t = Topology.builder("stacked")
                .namespace("host", NamespaceKind.HOST, P)
                .namespace("web", NamespaceKind.CONTAINER, P)
                .namespace("db", NamespaceKind.CONTAINER, P)
                .namespace("sw-lan", NamespaceKind.SEGMENT, P)
                .bridge(end("host", "docker0"))
                .link(new Veth(Iface.of(end("host", "vethA")).withPort(BridgePort.of(LinkName.of("docker0")).withHairpin(true)),
                        Iface.of(end("web", "eth0")).withMac(MacAddress.parse("02:42:ac:11:00:02")).withMtu(1400), P))
                .link(new Veth(Iface.of(end("host", "ens160")), Iface.of(end("sw-lan", "p1")), P))
                .link(new Macvlan(Iface.of(end("db", "eth0")), end("host", "ens160"), MacvlanMode.BRIDGE, P))
                .link(new Vlan(Iface.of(end("host", "ens160.50")), end("host", "ens160"), 50, P))
                .link(new Ipvlan(Iface.of(end("db", "eth1")), end("host", "ens160.50"), IpvlanMode.L2, P))
                .alias(new NamespaceAlias("sidecar", "web", P))
                .build();
        String dot = TopologyDot.render(t);
        assertTrue(dot.contains("label=\"web (container)\\nalso sidecar\";"), dot);
        assertTrue(dot.contains("\"host:docker0\" [label=\"docker0 (bridge)\", shape=box3d"), dot);
        assertTrue(dot.contains("\"web:eth0\" [label=\"eth0\\n02:42:ac:11:00:02\\nmtu 1400\"];"), dot);
        assertTrue(dot.contains("\"host:vethA\" -- \"host:docker0\" [label=\"hairpin\", style=solid];"), dot);
        assertTrue(dot.contains("\"db:eth0\" -- \"host:ens160\" [label=\"macvlan bridge\", style=dotted];"), dot);
        assertTrue(dot.contains("\"host:ens160.50\" -- \"host:ens160\" [label=\"vlan 50\", style=dotted];"), dot);
        assertTrue(dot.contains("\"db:eth1\" -- \"host:ens160.50\" [label=\"ipvlan l2\", style=dotted];"), dot);
        assertTrue(dot.contains("fillcolor=\"#fef3c7\""), "a segment is drawn in its own colour:\n" + dot);
    }

    @Test
    void drawsAVxlanDeviceWithADashedEdgeToItsSocketInTheUnderlayNamespace() {
        Topology t = Topology.builder("overlay")
                .namespace("host1", NamespaceKind.HOST, P)
                .namespace("ov-1", NamespaceKind.OVERLAY, P)
                .link(new Vxlan(Iface.of(end("ov-1", "vxlan0")), "host1", 4097, Vxlan.DEFAULT_PORT,
                        Optional.of(Ipv4Address.parse("10.3.1.45")), true, true, P))
                .build();
        String dot = TopologyDot.render(t);
        String host1 = dot.substring(dot.indexOf("label=\"host1 (host)\""), dot.indexOf("label=\"ov-1"));
        assertTrue(host1.contains("\"host1:udp:10.3.1.45:4789\" [label=\"udp 10.3.1.45:4789\", shape=plaintext];"),
                "the socket is drawn in the underlay's cluster:\n" + dot);
        assertTrue(dot.contains("\"ov-1:vxlan0\" -- \"host1:udp:10.3.1.45:4789\" [label=\"vni 4097\", style=dashed];"), dot);
    }

    @Test
    void keepsANamespaceWithoutLinksVisible() {
        String dot = TopologyDot.render(Topology.builder("lonely").namespace("alone").build());
        assertTrue(dot.contains("label=\"alone (host)\";") && dot.contains("\"alone:(none)\" [label=\"no links\""), dot);
    }

    @Test
    void escapesQuotesAndBackslashesInNames() {
        assertEquals("\"a \\\"b\\\" \\\\ c\\nd\"", TopologyDot.quote("a \"b\" \\ c\nd"));
    }
}
