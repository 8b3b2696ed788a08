package io.netrig.model.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.SpecException;
import io.netrig.model.ipam.DockerIpam;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.MacAddress;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.Bridge;
import io.netrig.model.topology.DnsServer;
import io.netrig.model.topology.FdbEntry;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.NeighbourEntry;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Vxlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Overlay networks across swarm nodes and docker_gwbridge, as libnetwork 20.10's overlay driver builds them. */
class OverlayLoweringTest {
    static final String LAB = """
            segments: {underlay: {}}
            hosts:
              node1:
                interfaces: {eth0: {segment: underlay, address: 192.168.50.11/24}}
                swarm: manager
              node2:
                interfaces: {eth0: {segment: underlay, address: 192.168.50.12/24}}
                swarm: {role: worker, data_path_addr: 192.168.50.12}
              node3:
                interfaces: {eth0: {segment: underlay, address: 192.168.50.13/24}}
                swarm: worker
            networks:
              app: {driver: overlay, attachable: true}
              data: {driver: overlay, attachable: true, subnet: 10.20.0.0/24, options: {com.docker.network.driver.overlay.vxlanid_list: 5000}}
            containers:
              a: {host: node1, networks: [app]}
              b: {host: node2, networks: [app, data]}
              c: {host: node1, networks: [data]}
            """;

    private static Topology lower(String yaml) {
        return Lowering.lower(YamlSpecLoader.parseValidated("lab.yaml", yaml));
    }

    @Test
    void eachNodeWithAContainerGetsTheNetworksNamespaceWithBr0AndVxlan0() {
        Topology t = lower(LAB);
        String ns1 = DockerNames.overlayNamespace("node1", "app");
        String ns2 = DockerNames.overlayNamespace("node2", "app");
        assertTrue(t.namespace(ns1).isPresent() && t.namespace(ns2).isPresent());
        assertTrue(t.namespace(DockerNames.overlayNamespace("node3", "app")).isEmpty(), "node3 runs nothing on app");
        Vxlan vx = t.links().stream().filter(Vxlan.class::isInstance).map(Vxlan.class::cast)
                .filter(v -> v.self().ref().namespace().equals(ns1)).findFirst().orElseThrow();
        assertEquals(4097, vx.vni());
        assertEquals(4789, vx.port());
        assertEquals("node1", vx.underlay());
        assertEquals(1450, vx.self().mtu());
        assertEquals("br0", vx.self().port().orElseThrow().bridge().value());
        assertTrue(vx.learning() && vx.proxy());
        assertTrue(t.links().stream().anyMatch(l -> l instanceof Bridge b && b.self().ref().equals(LinkRef.end(ns1, "br0"))));
        assertEquals("10.0.1.1/24", t.addressesIn(ns1).getFirst().address().toString(), "10.0.0.0/24 is the ingress network's");
        Vxlan data = t.links().stream().filter(Vxlan.class::isInstance).map(Vxlan.class::cast)
                .filter(v -> v.self().ref().namespace().equals(DockerNames.overlayNamespace("node1", "data"))).findFirst().orElseThrow();
        assertEquals(5000, data.vni());
    }

    @Test
    void remoteContainersAreStaticFdbAndNeighbourEntriesAtTheirNodesDataPathAddress() {
        Topology t = lower(LAB);
        LinkRef vxlan0 = LinkRef.end(DockerNames.overlayNamespace("node1", "app"), "vxlan0");
        Ipv4Address b = Ipv4Address.parse("10.0.1.3");
        assertEquals(List.of(new FdbEntry(vxlan0, MacAddress.dockerFromIp(b), Ipv4Address.parse("192.168.50.12"),
                t.fdbOf(vxlan0).getFirst().provenance())), t.fdbOf(vxlan0));
        List<NeighbourEntry> n = t.neighboursIn(vxlan0.namespace());
        assertEquals(1, n.size());
        assertEquals(b, n.getFirst().address());
    }

    @Test
    void overlayContainersGoOutThroughDockerGwbridgeWithIccOff() {
        Topology t = lower(LAB);
        assertEquals("10.0.1.2/24", t.addressesIn("a").stream().filter(x -> x.ref().name().value().equals("eth0")).findFirst()
                .orElseThrow().address().toString());
        assertEquals("172.18.0.3/16", t.addressesIn("a").stream().filter(x -> x.ref().name().value().equals("eth1")).findFirst()
                .orElseThrow().address().toString());
        assertEquals("172.18.0.1", t.routesIn("a").getFirst().via().orElseThrow().toString());
        assertTrue(t.linkNamesIn("node1").stream().anyMatch(l -> l.value().equals(DockerIpam.GATEWAY_BRIDGE)));
        String rules = io.netrig.model.render.IptablesSave.render(t.ruleset("node1").orElseThrow());
        assertTrue(rules.contains("-A FORWARD -i docker_gwbridge -o docker_gwbridge -j DROP"), rules);
        assertTrue(rules.contains("-A POSTROUTING -s 172.18.0.0/16 ! -o docker_gwbridge -j MASQUERADE"), rules);
    }

    @Test
    void namesResolveAcrossNodesOnASharedOverlay() {
        Topology t = lower(LAB);
        DnsServer dns = t.servicesIn("a").stream().filter(DnsServer.class::isInstance).map(DnsServer.class::cast).findFirst().orElseThrow();
        assertEquals(List.of(Ipv4Address.parse("10.0.1.3")), dns.lookup("b"));
        assertTrue(dns.lookup("c").isEmpty(), "a and c share no network");
    }

    @Test
    void overlaysNeedASwarmManagerAttachableNetworksAndSwarmNodes() {
        SpecException noManager = assertThrows(SpecException.class, () -> lower(LAB.replace("swarm: manager", "swarm: worker")));
        assertTrue(noManager.getMessage().contains("This node is not a swarm manager."), noManager.getMessage());
        SpecException notAttachable = assertThrows(SpecException.class, () -> lower(LAB.replace("app: {driver: overlay, attachable: true}",
                "app: {driver: overlay}")));
        assertTrue(notAttachable.getMessage().contains("network app not manually attachable"), notAttachable.getMessage());
        SpecException notInSwarm = assertThrows(SpecException.class, () -> lower(LAB.replace("    swarm: {role: worker, data_path_addr: 192.168.50.12}\n", "")));
        assertTrue(notInSwarm.getMessage().contains("is not a swarm node"), notInSwarm.getMessage());
    }

    @Test
    void swarmNodesListenOnTheControlPortsAndAHostsOwnListenerThereClashes() {
        Topology t = lower(LAB);
        assertEquals(List.of("tcp 0.0.0.0:2377", "tcp 0.0.0.0:7946", "udp 0.0.0.0:7946"),
                t.servicesIn("node1").stream().map(s -> s.socketText()).toList());
        assertEquals(List.of("tcp 0.0.0.0:7946", "udp 0.0.0.0:7946"), t.servicesIn("node2").stream().map(s -> s.socketText()).toList());
        SpecException clash = assertThrows(SpecException.class, () -> lower(LAB.replace("    swarm: manager\n",
                "    swarm: manager\n    listen: [2377]\n")));
        assertTrue(clash.getMessage().contains("bind: address already in use (taken by dockerd (swarm management)"), clash.getMessage());
    }

    @Test
    void anOverlayOnlyContainerPublishesItsPortsOnDockerGwbridge() {
        Topology t = lower(LAB.replace("a: {host: node1, networks: [app]}", "a: {host: node1, networks: [app], ports: [\"8080:80\"]}"));
        String rules = io.netrig.model.render.IptablesSave.render(t.ruleset("node1").orElseThrow());
        assertTrue(rules.contains("-A DOCKER ! -i docker_gwbridge -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.18.0.3:80"), rules);
        assertTrue(rules.contains("-A DOCKER -d 172.18.0.3/32 ! -i docker_gwbridge -o docker_gwbridge -p tcp -m tcp --dport 80 -j ACCEPT"),
                rules);
    }
}
