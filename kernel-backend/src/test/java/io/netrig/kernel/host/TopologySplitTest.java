package io.netrig.kernel.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.kernel.LabId;
import io.netrig.kernel.internal.BuildPlan;
import io.netrig.kernel.internal.BuildStep;
import io.netrig.model.NetrigException;
import io.netrig.model.lower.Lowering;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Macvlan;
import io.netrig.model.topology.MacvlanMode;
import io.netrig.model.topology.Namespace;
import io.netrig.model.topology.NamespaceKind;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologySplitTest {
    @TempDir
    Path dir;

    private HostMap map(String hosts) throws IOException {
        Files.writeString(dir.resolve("key"), "");
        Files.writeString(dir.resolve("kh"), "");
        return HostMapFile.parse("hosts.yaml", """
                machines:
                  m1: {address: 10.0.0.1, key: key, known_hosts: kh, nic: eth1}
                  m2: {address: 10.0.0.2, key: key, known_hosts: kh, nic: ens4, segments: {other: ens5}}
                hosts: %s
                """.formatted(hosts), dir);
    }

    private static Topology lab(String file) throws IOException {
        return Lowering.lower(YamlSpecLoader.parseValidated(file, Files.readString(Path.of("..", "lab-vagrant", file))));
    }

    private static Set<String> namespaces(MachinePart p) {
        return p.topology().namespaces().stream().map(Namespace::name).collect(Collectors.toSet());
    }

    @Test
    void overlayPartsHoldEachNodesContainersAndOverlayNamespacesAndNoSegment() throws IOException {
        Topology t = lab("overlay.yaml");
        TopologySplit.Split split = TopologySplit.of(t, map("{node1: m1, internet: m1, node2: m2}"));
        assertEquals(List.of("m1", "m2"), split.parts().stream().map(p -> p.machine().name()).toList());
        MachinePart m1 = split.parts().get(0);
        MachinePart m2 = split.parts().get(1);
        assertEquals(List.of("node1", "internet"), m1.hosts());
        assertTrue(namespaces(m1).containsAll(Set.of("node1", "internet", "web", "worker")), namespaces(m1).toString());
        assertTrue(namespaces(m2).containsAll(Set.of("node2", "db")), namespaces(m2).toString());
        assertTrue(t.namespaces().stream().filter(ns -> ns.kind() == NamespaceKind.SEGMENT)
                .noneMatch(ns -> namespaces(m1).contains(ns.name()) || namespaces(m2).contains(ns.name())), "segments are the real network");
        // every namespace but the segment's is on exactly one machine
        Set<String> all = t.namespaces().stream().filter(ns -> ns.kind() != NamespaceKind.SEGMENT).map(Namespace::name).collect(Collectors.toSet());
        Set<String> placed = new java.util.HashSet<>(namespaces(m1));
        placed.addAll(namespaces(m2));
        assertEquals(all, placed);
        assertEquals(namespaces(m1).size() + namespaces(m2).size(), placed.size());
        // the overlay namespace of node2 goes where node2's VXLAN socket is
        assertTrue(namespaces(m2).stream().anyMatch(ns -> ns.startsWith("node2.1-")));
        assertEquals(LinkRef.end("node1", "eth0"), split.segmentPorts().get(LinkRef.end("sw-underlay", "p1")));
        assertEquals("m2", split.partOf("db").orElseThrow().machine().name());
    }

    @Test
    void aHostNicOnASegmentBecomesAMacvlanOfItsMachinesNicKeepingNameMacAndAddresses() throws IOException {
        Topology t = lab("direct-routing.yaml");
        TopologySplit.Split split = TopologySplit.of(t, map("{host1: m1, host2: m2, client: m2}"));
        Topology m2 = split.parts().get(1).topology();
        List<Macvlan> uplinks = m2.links().stream().filter(Macvlan.class::isInstance).map(Macvlan.class::cast).toList();
        assertEquals(List.of(LinkRef.end("host2", "ens33"), LinkRef.end("client", "eth0")), uplinks.stream().map(m -> m.self().ref()).toList());
        assertTrue(uplinks.stream().allMatch(m -> m.parent().equals(LinkRef.end(TopologySplit.MACHINE_NAMESPACE, "ens4"))
                && m.mode() == MacvlanMode.BRIDGE), uplinks.toString());
        assertTrue(m2.links().stream().noneMatch(l -> l instanceof Veth v && v.ifaces().stream().anyMatch(i -> i.ref().namespace().startsWith("sw-"))));
        assertEquals(1, m2.addresses().stream().filter(a -> a.ref().equals(LinkRef.end("host2", "ens33"))).count());
        // the rules, routes and services of host2 and its container go with it
        assertTrue(m2.ruleset("host2").isPresent());
        assertTrue(m2.routes().stream().anyMatch(r -> r.namespace().equals("host2") && r.destination().toString().equals("10.0.128.0/24")));
        assertTrue(m2.services().stream().allMatch(s -> Set.of("host2", "client", "c2").contains(s.namespace())));
    }

    @Test
    void anUplinkIsMadeFromTheMachinesOwnNamespaceStraightIntoTheHosts() throws IOException {
        Topology t = lab("direct-routing.yaml");
        Topology m1 = TopologySplit.of(t, map("{host1: m1, host2: m2, client: m2}")).parts().getFirst().topology();
        List<BuildStep> steps = BuildPlan.of(m1, new LabId("nrm1", "00aa")).steps();
        BuildStep uplinks = steps.stream().filter(s -> s.phase().equals("links on parents in " + TopologySplit.MACHINE_NAMESPACE)).findFirst().orElseThrow();
        assertEquals(List.of("ip", "-batch", "-"), uplinks.command().argv(), "run in the machine's namespace, with no -n");
        assertEquals("link add link eth1 name ens33 netns nrm100aa-host1 type macvlan mode bridge\n", uplinks.command().stdin().orElseThrow());
    }

    @Test
    void refusesAHostTheMapDoesNotPlace() throws IOException {
        Topology t = lab("direct-routing.yaml");
        NetrigException e = assertThrows(NetrigException.class, () -> TopologySplit.of(t, map("{host1: m1, host2: m2}")));
        assertEquals("host map hosts.yaml does not say which machine runs host client of lab 'direct-routing' (it maps: host1 → m1, host2 → m2);"
                + " add them under 'hosts:'", e.getMessage());
    }

    @Test
    void refusesANamespaceJoinedToTwoHostsOutsideASegment() throws IOException {
        Topology t = Topology.builder("cross").namespace("a").namespace("b")
                .veth(LinkRef.end("a", "x"), LinkRef.end("b", "y")).build();
        NetrigException e = assertThrows(NetrigException.class, () -> TopologySplit.of(t, map("{a: m1, b: m2}")));
        assertTrue(e.getMessage().contains("joined by links to hosts"), e.getMessage());
    }

    @Test
    void aNamespaceJoinedToNoHostGoesWithTheFirstHost() throws IOException {
        Topology t = Topology.builder("lonely").namespace("a").namespace("b")
                .namespace(new Namespace("c", NamespaceKind.CONTAINER, io.netrig.model.topology.Provenance.of("container c, network none"))).build();
        TopologySplit.Split split = TopologySplit.of(t, map("{a: m1, b: m2}"));
        assertEquals(Map.of("a", "a", "b", "b", "c", "a"), split.owners());
    }
}
