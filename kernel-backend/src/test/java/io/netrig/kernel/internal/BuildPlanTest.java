package io.netrig.kernel.internal;

import static io.netrig.model.topology.LinkRef.end;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.kernel.DockerTopology;
import io.netrig.kernel.LabId;
import io.netrig.kernel.MacvlanTopology;
import io.netrig.kernel.OverlayTopology;
import io.netrig.kernel.exec.Command;
import io.netrig.model.render.IptablesSave;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.topology.Dummy;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.Ipvlan;
import io.netrig.model.topology.IpvlanMode;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.Route;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import io.netrig.model.topology.Vlan;
import io.netrig.model.topology.Vxlan;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildPlanTest {
    private static final LabId LAB = new LabId("nr", "3fa2");
    private final Topology topology = DockerTopology.topology();
    private final BuildPlan plan = BuildPlan.of(topology, LAB);

    @Test
    void namesEveryNamespaceWithTheLabId() {
        assertEquals(List.of("nr3fa2-host", "nr3fa2-c1", "nr3fa2-c2"), plan.namespaces());
    }

    @Test
    void buildsWithOneProcessPerPhaseAndNamespace() {
        List<String> phases = plan.steps().stream().map(BuildStep::phase).toList();
        assertEquals(List.of("namespaces", "links", "interfaces, addresses and routes of host",
                "interfaces, addresses and routes of c1", "interfaces, addresses and routes of c2", "sysctls of host",
                "iptables of host"), phases);
    }

    @Test
    void createsNamespacesInOneGlobalBatch() {
        Command c = plan.steps().get(0).command();
        assertEquals(List.of("ip", "-batch", "-"), c.argv());
        assertEquals(Optional.of("netns add nr3fa2-host\nnetns add nr3fa2-c1\nnetns add nr3fa2-c2\n"), c.stdin());
    }

    @Test
    void createsLinksDirectlyInTheirNamespacesSoTheRootNamespaceNeverSeesThem() {
        Command c = plan.steps().get(1).command();
        assertEquals(List.of("ip", "-batch", "-"), c.argv());
        assertEquals(Optional.of("""
                link add br-1 netns nr3fa2-host type bridge stp_state 0 ageing_time 30000
                link add veth1a2b3c4 netns nr3fa2-host type veth peer name eth0 netns nr3fa2-c1
                link add veth5d6e7f8 netns nr3fa2-host type veth peer name eth0 netns nr3fa2-c2
                """), c.stdin());
    }

    @Test
    void configuresEachNamespaceInItsOwnBatch() {
        Command host = plan.steps().get(2).command();
        assertEquals(List.of("ip", "-n", "nr3fa2-host", "-batch", "-"), host.argv());
        assertEquals(Optional.of("nr3fa2-host"), host.namespace());
        assertEquals(Optional.of("""
                link set lo up
                link set veth1a2b3c4 master br-1
                link set veth5d6e7f8 master br-1
                link set br-1 up
                link set veth1a2b3c4 up
                link set veth5d6e7f8 up
                addr add 172.18.0.1/16 dev br-1
                """), host.stdin());
        assertEquals(Optional.of("""
                link set lo up
                link set eth0 up
                addr add 172.18.0.2/16 dev eth0
                route add default via 172.18.0.1
                """), plan.steps().get(3).command().stdin());
    }

    @Test
    void writesSysctlsOfANamespaceWithOneProcessBeforeItsRules() {
        assertEquals(List.of("ip", "netns", "exec", "nr3fa2-host", "sysctl", "-w", "net.ipv4.ip_forward=1",
                "net.bridge.bridge-nf-call-iptables=1"), plan.steps().get(5).command().argv());
    }

    @Test
    void restoresTheModelRulesetRenderedByTheModel() {
        Command c = plan.steps().get(6).command();
        assertEquals(List.of("ip", "netns", "exec", "nr3fa2-host", "iptables-restore"), c.argv());
        assertEquals(Optional.of(IptablesSave.render(topology.ruleset("host").orElseThrow())), c.stdin());
    }

    @Test
    void createsMacvlansFromTheirParentsNamespaceDirectlyIntoTheirOwnAfterTheParentsExist() {
        BuildPlan mv = BuildPlan.of(MacvlanTopology.topology(true), LAB);
        assertEquals(List.of("namespaces", "links", "links on parents in host1", "interfaces, addresses and routes of sw-lan",
                "interfaces, addresses and routes of host1", "interfaces, addresses and routes of router",
                "interfaces, addresses and routes of node-1", "interfaces, addresses and routes of node-2"),
                mv.steps().stream().map(BuildStep::phase).toList());
        assertEquals(Optional.of("""
                link add br0 netns nr3fa2-sw-lan type bridge stp_state 0 ageing_time 30000
                link add ens160 netns nr3fa2-host1 type veth peer name p1 netns nr3fa2-sw-lan
                link add eth0 netns nr3fa2-router type veth peer name p2 netns nr3fa2-sw-lan
                """), mv.steps().get(1).command().stdin());
        Command macvlans = mv.steps().get(2).command();
        assertEquals(List.of("ip", "-n", "nr3fa2-host1", "-batch", "-"), macvlans.argv());
        assertEquals(Optional.of("nr3fa2-host1"), macvlans.namespace());
        assertEquals(Optional.of("""
                link add link ens160 name eth0 netns nr3fa2-node-1 type macvlan mode bridge
                link add link ens160 name eth0 netns nr3fa2-node-2 type macvlan mode bridge
                link add link ens160 name macvlan_host netns nr3fa2-host1 type macvlan mode bridge
                """), macvlans.stdin());
    }

    @Test
    void configuresMacvlansInTheirOwnNamespaceLikeAnyLink() {
        BuildPlan mv = BuildPlan.of(MacvlanTopology.topology(true), LAB);
        assertEquals(Optional.of("""
                link set lo up
                link set p1 master br0
                link set p2 master br0
                link set br0 up
                link set p1 up
                link set p2 up
                """), mv.steps().get(3).command().stdin());
        assertEquals(Optional.of("""
                link set lo up
                link set ens160 up
                link set macvlan_host up
                addr add 10.3.1.45/24 dev ens160
                addr add 10.3.1.200/32 dev macvlan_host
                route add 10.3.1.145/32 dev macvlan_host
                """), mv.steps().get(4).command().stdin());
        assertEquals(List.of("ip", "-n", "nr3fa2-node-1", "-batch", "-"), mv.steps().get(6).command().argv());
        assertEquals(Optional.of("""
                link set lo up
                link set eth0 address 02:42:0a:03:01:91
                link set eth0 up
                addr add 10.3.1.145/24 dev eth0
                route add default via 10.3.1.1
                """), mv.steps().get(6).command().stdin());
    }

    @Test
    void aTopologyWithoutMacvlansHasNoParentBatch() {
        assertTrue(plan.steps().stream().noneMatch(s -> s.phase().startsWith("links on parents")));
    }

    @Test
    void aRouteWithAPreferredSourceSaysSo() {
        Topology t = Topology.builder("src").namespace("a").namespace("b")
                .veth(end("a", "eth0"), end("b", "eth0"))
                .address(end("a", "eth0"), Ipv4Interface.parse("10.0.0.1/24"))
                .address(end("a", "eth0"), Ipv4Interface.parse("10.0.0.5/24"))
                .route(new Route("a", Ipv4Prefix.parse("10.9.0.0/16"), Optional.of(Ipv4Address.parse("10.0.0.254")), Optional.empty(), 0,
                        Optional.of(Ipv4Address.parse("10.0.0.5")), Provenance.of("route with src")))
                .build();
        String batch = BuildPlan.of(t, LAB).steps().get(2).command().stdin().orElseThrow();
        assertTrue(batch.endsWith("route add 10.9.0.0/16 via 10.0.0.254 src 10.0.0.5\n"), batch);
    }

    @Test
    void dummiesGoToTheGlobalBatchAndVlansBeforeTheChildrenOnThemInTheirParentsNamespace() {
        Topology t = Topology.builder("kinds").namespace("h").namespace("c").namespace("sw")
                .link(new Veth(Iface.of(end("h", "ens160")), Iface.of(end("sw", "p1")), Provenance.of("nic")))
                .link(new Ipvlan(Iface.of(end("c", "eth0")), end("h", "ens160.50"), IpvlanMode.L3, Provenance.of("ipvlan child")))
                .link(new Vlan(Iface.of(end("h", "ens160.50")), end("h", "ens160"), 50, Provenance.of("vlan")))
                .link(new Dummy(Iface.of(end("h", "dm0")), Provenance.of("dummy")))
                .build();
        BuildPlan p = BuildPlan.of(t, LAB);
        assertEquals(Optional.of("""
                link add ens160 netns nr3fa2-h type veth peer name p1 netns nr3fa2-sw
                link add dm0 netns nr3fa2-h type dummy
                """), p.steps().get(1).command().stdin());
        assertEquals("links on parents in h", p.steps().get(2).phase());
        assertEquals(Optional.of("""
                link add ens160.50 link ens160 type vlan id 50
                link add link ens160.50 name eth0 netns nr3fa2-c type ipvlan mode l3
                """), p.steps().get(2).command().stdin());
    }

    @Test
    void buildsVxlansFromTheirUnderlayThenFdbAndNeighbourEntriesAfterTheLinks() {
        BuildPlan ov = BuildPlan.of(OverlayTopology.topology(1, false), LAB);
        List<String> phases = ov.steps().stream().map(BuildStep::phase).toList();
        assertEquals(List.of("namespaces", "links", "vxlan links with sockets in host1", "vxlan links with sockets in host2",
                "interfaces, addresses and routes of sw-lan", "interfaces, addresses and routes of host1",
                "interfaces, addresses and routes of ov1", "interfaces, addresses and routes of c1",
                "interfaces, addresses and routes of host2", "interfaces, addresses and routes of ov2",
                "interfaces, addresses and routes of c2", "FDB entries of ov1", "FDB entries of ov2"), phases);
        Command vxlan = ov.steps().get(2).command();
        assertEquals(List.of("ip", "-n", "nr3fa2-host1", "-batch", "-"), vxlan.argv(), "the socket is made in the host's namespace");
        assertEquals(Optional.of("link add vxlan0 netns nr3fa2-ov1 type vxlan id 4097 dstport 4789 nolearning proxy\n"), vxlan.stdin());
        assertEquals(Optional.of("""
                link set lo up
                link set vxlan0 mtu 1450
                link set veth1 mtu 1450
                link set vxlan0 master br0
                link set veth1 master br0
                link set br0 up
                link set vxlan0 up
                link set veth1 up
                addr add 10.0.0.1/24 dev br0
                neigh add 10.0.0.3 lladdr 02:42:0a:00:00:03 dev vxlan0 nud permanent
                """), ov.steps().get(6).command().stdin());
        Command fdb = ov.steps().get(11).command();
        assertEquals(List.of("bridge", "-n", "nr3fa2-ov1", "-batch", "-"), fdb.argv());
        assertEquals(Optional.of("nr3fa2-ov1"), fdb.namespace());
        assertEquals(Optional.of("fdb append 02:42:0a:00:00:03 dev vxlan0 dst 10.9.0.2 self permanent\n"), fdb.stdin());
    }

    @Test
    void aVxlanWithALocalAddressAndLearningSaysSo() {
        Topology t = Topology.builder("vx").namespace("h").namespace("o")
                .link(new Vxlan(Iface.of(end("o", "vx1")), "h", 7, 8472, Optional.of(Ipv4Address.parse("10.9.0.1")), true, false,
                        Provenance.of("vxlan")))
                .build();
        assertEquals(Optional.of("link add vx1 netns nr3fa2-o type vxlan id 7 dstport 8472 local 10.9.0.1\n"),
                BuildPlan.of(t, LAB).steps().get(1).command().stdin());
    }

    @Test
    void twentyContainersPerHostStillTakeOneProcessPerPhaseAndNamespace() {
        BuildPlan ov = BuildPlan.of(OverlayTopology.topology(20, false), LAB);
        assertEquals(2, ov.steps().stream().filter(s -> s.phase().startsWith("FDB entries")).count());
        assertEquals(20, ov.steps().stream().filter(s -> s.phase().equals("FDB entries of ov2")).findFirst().orElseThrow()
                .command().stdin().orElseThrow().lines().count());
    }
}
