package io.netrig.kernel.internal;

import static io.netrig.model.topology.LinkRef.end;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.kernel.LabId;
import io.netrig.kernel.MacvlanTopology;
import io.netrig.kernel.OverlayTopology;
import io.netrig.kernel.TwoNetworksTopology;
import io.netrig.model.topology.DnsServer;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.Listener;
import io.netrig.model.topology.Service;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.Link;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import io.netrig.model.topology.Vxlan;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpdatePlanTest {
    private static final LabId LAB = new LabId("nr", "3fa2");

    private static List<String> phases(List<BuildStep> steps) {
        return steps.stream().map(BuildStep::phase).toList();
    }

    private static String stdin(List<BuildStep> steps, String phase) {
        return steps.stream().filter(s -> s.phase().equals(phase)).findFirst().orElseThrow(() -> new AssertionError("no step " + phase
                + " in " + phases(steps))).command().stdin().orElseThrow();
    }

    @Test
    void connectingAContainerToASecondNetworkAddsItsLinksAndMovesItsDefaultRoute() {
        UpdatePlan plan = UpdatePlan.of(TwoNetworksTopology.base(), TwoNetworksTopology.connected(), LAB);

        assertEquals(List.of("c3"), plan.addedNamespaces());
        assertEquals(List.of(), plan.removedNamespaces());
        assertEquals(List.of("routes, addresses and links removed in c1"), phases(plan.teardown()));
        assertEquals("route del default via 172.18.0.1\n", stdin(plan.teardown(), "routes, addresses and links removed in c1"),
                "the old default route goes before anything else changes");
        assertEquals(List.of("namespaces added", "links added", "interfaces, addresses and routes of host",
                "interfaces, addresses and routes of c1", "interfaces, addresses and routes of c3"), phases(plan.build()));
        assertEquals("netns add nr3fa2-c3\n", stdin(plan.build(), "namespaces added"));
        assertEquals("""
                link add br-2 netns nr3fa2-host type bridge stp_state 0 ageing_time 30000
                link add vethc3 netns nr3fa2-host type veth peer name eth0 netns nr3fa2-c3
                link add vethc1b netns nr3fa2-host type veth peer name eth1 netns nr3fa2-c1
                """, stdin(plan.build(), "links added"));
        assertEquals("""
                link set vethc3 master br-2
                link set vethc1b master br-2
                link set br-2 up
                link set vethc3 up
                link set vethc1b up
                addr add 172.19.0.1/16 dev br-2
                """, stdin(plan.build(), "interfaces, addresses and routes of host"), "only the new interfaces are touched");
        assertEquals("""
                link set eth1 up
                addr add 172.19.0.2/16 dev eth1
                route add default via 172.19.0.1
                """, stdin(plan.build(), "interfaces, addresses and routes of c1"));
        assertEquals("""
                link set lo up
                link set eth0 up
                addr add 172.19.0.3/16 dev eth0
                route add default via 172.19.0.1
                """, stdin(plan.build(), "interfaces, addresses and routes of c3"));
        assertEquals(List.of("c3"), plan.resolverWrites(), "c1's files did not change; the new namespace gets its own");
        assertEquals(1, plan.stoppedServices().size());
        assertTrue(plan.stoppedServices().getFirst() instanceof DnsServer d && d.lookup("c3").isEmpty());
        assertTrue(plan.startedServices().getFirst() instanceof DnsServer d && !d.lookup("c3").isEmpty(),
                "a DNS server whose records changed is restarted");
    }

    @Test
    void disconnectingDeletesWhatNothingElseDeletesAndRestoresTheRoute() {
        UpdatePlan plan = UpdatePlan.of(TwoNetworksTopology.connected(), TwoNetworksTopology.base(), LAB);

        assertEquals(List.of("c3"), plan.removedNamespaces());
        assertEquals(List.of("routes, addresses and links removed in c1", "routes, addresses and links removed in host",
                "namespaces removed"), phases(plan.teardown()));
        assertEquals("route del default via 172.19.0.1\n", stdin(plan.teardown(), "routes, addresses and links removed in c1"));
        assertEquals("link del br-2\nlink del vethc1b\n", stdin(plan.teardown(), "routes, addresses and links removed in host"),
                "vethc3 goes with namespace c3, eth1 of c1 with its peer vethc1b");
        assertEquals("netns del nr3fa2-c3\n", stdin(plan.teardown(), "namespaces removed"));
        assertEquals(List.of("interfaces, addresses and routes of c1"), phases(plan.build()));
        assertEquals("route add default via 172.18.0.1\n", stdin(plan.build(), "interfaces, addresses and routes of c1"));
        assertEquals(List.of(), plan.resolverWrites());
        assertTrue(plan.goneIfaces().contains(end("c1", "eth1")), "a capture on c1:eth1 must stop");
    }

    @Test
    void theSameTopologyChangesNothing() {
        assertTrue(UpdatePlan.of(TwoNetworksTopology.connected(), TwoNetworksTopology.connected(), LAB).isEmpty());
    }

    @Test
    void aNewProvenanceAloneChangesNothing() {
        Topology t = TwoNetworksTopology.base();
        List<Link> renamed = t.links().stream().map(l -> l instanceof Veth v ? new Veth(v.a(), v.b(), Provenance.of("renamed")) : l).toList();
        Topology next = new Topology(t.name(), t.namespaces(), renamed, t.addresses(), t.routes(), t.sysctls(), t.rulesets(),
                t.services(), t.aliases(), t.resolvers());
        assertTrue(UpdatePlan.of(t, next, LAB).isEmpty());
    }

    @Test
    void macvlanChildrenOfAReplacedParentAreMadeAgain() {
        Topology t = MacvlanTopology.topology(false);
        List<Link> links = t.links().stream().map(l -> l instanceof Veth v && v.a().ref().equals(end("host1", "ens160"))
                ? new Veth(v.a().withMtu(9000), v.b(), v.provenance()) : l).toList();
        Topology next = new Topology(t.name(), t.namespaces(), links, t.addresses(), t.routes(), t.sysctls(), t.rulesets(),
                t.services(), t.aliases(), t.resolvers());
        UpdatePlan plan = UpdatePlan.of(t, next, LAB);

        assertEquals(1, plan.deletedLinks().size(), "deleting the parent takes its macvlan children: " + plan.deletedLinks());
        assertEquals("link del ens160\n", stdin(plan.teardown(), "routes, addresses and links removed in host1"));
        assertEquals(3, plan.createdLinks().size(), "the parent and both children are made again: " + plan.createdLinks());
        assertEquals("""
                link add link ens160 name eth0 netns nr3fa2-node-1 type macvlan mode bridge
                link add link ens160 name eth0 netns nr3fa2-node-2 type macvlan mode bridge
                """, stdin(plan.build(), "links added on parents in host1"));
        assertEquals("link set eth0 address 02:42:0a:03:01:91\nlink set eth0 up\naddr add 10.3.1.145/24 dev eth0\n"
                        + "route add default via 10.3.1.1\n",
                stdin(plan.build(), "interfaces, addresses and routes of node-1"),
                "a re-made child gets its MAC, addresses and routes again");
    }

    @Test
    void aRulesetThatGoesIsReplacedByEmptyTables() {
        Topology t = TwoNetworksTopology.base();
        Topology next = new Topology(t.name(), t.namespaces(), t.links(), t.addresses(), t.routes(), t.sysctls(), List.of(),
                t.services(), t.aliases(), t.resolvers());
        UpdatePlan plan = UpdatePlan.of(t, next, LAB);
        assertEquals(List.of("iptables of host"), phases(plan.build()));
        assertEquals("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n",
                stdin(plan.build(), "iptables of host"));
        assertEquals(List.of("ip", "netns", "exec", "nr3fa2-host", "iptables-restore"), plan.build().getFirst().command().argv());
    }

    @Test
    void aChangedSysctlIsWrittenAgainAndAnUnchangedOneIsNot() {
        Topology t = TwoNetworksTopology.base();
        Topology next = new Topology(t.name(), t.namespaces(), t.links(), t.addresses(), t.routes(),
                t.sysctls().stream().map(s -> s.key().equals("net.ipv4.ip_forward")
                        ? new io.netrig.model.topology.Sysctl(s.namespace(), s.key(), "0", s.provenance()) : s).toList(),
                t.rulesets(), t.services(), t.aliases(), t.resolvers());
        UpdatePlan plan = UpdatePlan.of(t, next, LAB);
        assertEquals(List.of("ip", "netns", "exec", "nr3fa2-host", "sysctl", "-w", "net.ipv4.ip_forward=0"),
                plan.build().getFirst().command().argv());
        assertEquals(Optional.empty(), plan.build().getFirst().command().stdin());
    }

    @Test
    void aWildcardUdpListenerIsRestartedWhenItsNamespaceGainsAnAddressButATcpOneIsNot() {
        Listener udp = new Listener("c1", IpProtocol.UDP, Ipv4Address.ANY, 99, Provenance.of("udp app"));
        Listener tcp = new Listener("c1", IpProtocol.TCP, Ipv4Address.ANY, 80, Provenance.of("tcp app"));
        UpdatePlan plan = UpdatePlan.of(withServices(TwoNetworksTopology.base(), udp, tcp),
                withServices(TwoNetworksTopology.connected(), udp, tcp), LAB);
        assertTrue(plan.stoppedServices().contains(udp) && plan.startedServices().contains(udp),
                "the UDP listener binds one socket per address of c1, which gained 172.19.0.2");
        assertTrue(!plan.stoppedServices().contains(tcp) && !plan.startedServices().contains(tcp), "the TCP listener keeps running");
    }

    @Test
    void movingAContainerToTheOtherHostReplacesOnlyTheFdbAndNeighbourEntriesThatChanged() {
        UpdatePlan plan = UpdatePlan.of(OverlayTopology.topology(1, false), OverlayTopology.topology(2, false), LAB);

        assertEquals("fdb del 02:42:0a:00:00:03 dev vxlan0 dst 10.9.0.2 self\n", stdin(plan.teardown(), "FDB entries removed in ov1"),
                "c2 (10.0.0.3) is no longer behind host2");
        assertEquals(List.of("bridge", "-n", "nr3fa2-ov1", "-batch", "-"), plan.teardown().getFirst().command().argv());
        assertEquals("neigh del 10.0.0.3 dev vxlan0\n", stdin(plan.teardown(), "routes, addresses and links removed in ov1"));
        assertEquals("""
                fdb append 02:42:0a:00:00:04 dev vxlan0 dst 10.9.0.2 self permanent
                fdb append 02:42:0a:00:00:05 dev vxlan0 dst 10.9.0.2 self permanent
                """, stdin(plan.build(), "FDB entries added in ov1"));
        assertEquals("fdb append 02:42:0a:00:00:03 dev vxlan0 dst 10.9.0.1 self permanent\n", stdin(plan.build(), "FDB entries added in ov2"),
                "the entry for c1 stays; c2 now sits behind host1");
        assertTrue(stdin(plan.build(), "interfaces, addresses and routes of ov2")
                .endsWith("neigh add 10.0.0.3 lladdr 02:42:0a:00:00:03 dev vxlan0 nud permanent\n"));
        assertTrue(plan.createdLinks().stream().noneMatch(l -> l instanceof Vxlan), "the vxlan devices did not change");
    }

    @Test
    void aVxlanWithAnotherVniIsMadeAgainWithAllItsEntries() {
        UpdatePlan plan = UpdatePlan.of(OverlayTopology.topology(1, false), OverlayTopology.topology(1, false, 4098), LAB);

        assertEquals(List.of("routes, addresses and links removed in ov1", "routes, addresses and links removed in ov2"), phases(plan.teardown()),
                "entries of a deleted device go with it");
        assertEquals("link del vxlan0\n", stdin(plan.teardown(), "routes, addresses and links removed in ov1"));
        assertEquals("link add vxlan0 netns nr3fa2-ov1 type vxlan id 4098 dstport 4789 nolearning proxy\n",
                stdin(plan.build(), "vxlan links added with sockets in host1"));
        assertEquals("""
                link set vxlan0 mtu 1450
                link set vxlan0 master br0
                link set vxlan0 up
                neigh add 10.0.0.3 lladdr 02:42:0a:00:00:03 dev vxlan0 nud permanent
                """, stdin(plan.build(), "interfaces, addresses and routes of ov1"));
        assertEquals("fdb append 02:42:0a:00:00:03 dev vxlan0 dst 10.9.0.2 self permanent\n", stdin(plan.build(), "FDB entries added in ov1"));
    }

    @Test
    void aVxlanWhoseUnderlayGoesIsDeletedExplicitlyBeforeTheNamespace() {
        Topology t = Topology.builder("vx").namespace("h").namespace("o")
                .link(new Vxlan(Iface.of(end("o", "vx0")), "h", 7, 4789, Optional.empty(), false, true, Provenance.of("vxlan")))
                .build();
        Topology next = Topology.builder("vx").namespace("o").build();
        UpdatePlan plan = UpdatePlan.of(t, next, LAB);
        assertEquals(List.of("routes, addresses and links removed in o", "namespaces removed"), phases(plan.teardown()),
                "the kernel would remove vx0 with h, but only later, in the background");
        assertEquals("link del vx0\n", stdin(plan.teardown(), "routes, addresses and links removed in o"));
    }

    private static Topology withServices(Topology t, Service... more) {
        List<Service> services = new java.util.ArrayList<>(t.services());
        services.addAll(List.of(more));
        return new Topology(t.name(), t.namespaces(), t.links(), t.addresses(), t.routes(), t.sysctls(), t.rulesets(), services,
                t.aliases(), t.resolvers());
    }
}
