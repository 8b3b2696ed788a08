package io.netrig.model.render.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.firewall.TableName;
import io.netrig.model.ipam.AddressPlan;
import io.netrig.model.lower.DockerNames;
import io.netrig.model.lower.Lowering;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.net.MacAddress;
import io.netrig.model.render.IptablesSave;
import io.netrig.model.render.inspect.DockerNetwork.Endpoint;
import io.netrig.model.render.inspect.DockerNetwork.IpamConfig;
import io.netrig.model.spec.ValidatedLab;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A lab with the default bridge (two containers), a user bridge with subnet, gateway, ip_range and an aux address, a
 * bridge left to IPAM, a macvlan network and a plain machine: what each command would print there.
 */
class LabInspectionTest {
    static final String LAB = """
            name: inspect-demo
            segments: {lan: {}}
            hosts:
              host1:
                interfaces: {ens160: {segment: lan, address: 10.3.1.45/24, mac: "00:50:56:00:00:01"}}
              router:
                docker: false
                interfaces: {eth0: {segment: lan, address: 10.3.1.1/24}}
            networks:
              front:
                host: host1
                subnet: 172.20.0.0/16
                gateway: 172.20.0.254
                ip_range: 172.20.5.0/24
                aux_addresses: {router: 172.20.5.0}
                options: {enable_icc: "false"}
              auto: {host: host1}
              pub_net: {driver: macvlan, host: host1, parent: ens160, subnet: 10.3.1.0/24, gateway: 10.3.1.1, ip_range: 10.3.1.144/28}
            containers:
              a: {}
              b: {}
              web: {networks: [front]}
              node-1: {networks: [pub_net]}
            """;

    private final ValidatedLab lab = YamlSpecLoader.parseValidated("demo.yaml", LAB);
    private final AddressPlan plan = lab.addresses();
    private final Topology topology = Lowering.lower(lab);
    private final LabInspection inspection = LabInspection.of(lab, topology);
    private final HostInspection host1 = inspection.host("host1").orElseThrow();

    private DockerNetwork network(String name) {
        return host1.networks().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    private ContainerInspection container(String name) {
        return host1.containers().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void networkLsListsDockersPredefinedNetworksAndTheLabsSortedByName() {
        assertEquals("""
                NETWORK ID     NAME      DRIVER    SCOPE
                8e5d3ea33b49   auto      bridge    local
                5f400b5488c7   bridge    bridge    local
                0010ca6a5b24   front     bridge    local
                4bde1ca1b200   host      host      local
                6042ec5e72a0   none      null      local
                bf0b29aba71f   pub_net   macvlan   local
                """, NetworkLs.render(host1.networks()));
    }

    @Test
    void aUserNetworksShortIdIsTheIdInItsBridgeName() {
        for (String name : List.of("front", "auto")) {
            DockerNetwork n = network(name);
            assertTrue(n.id().matches("[0-9a-f]{64}"), n.id());
            assertEquals(DockerNames.bridge("host1", name), "br-" + n.shortId(), "network " + name);
        }
    }

    @Test
    void anEndpointIdStartsWithTheIdInItsHostVethName() {
        Endpoint a = network("bridge").containers().stream().filter(e -> e.name().equals("a")).findFirst().orElseThrow();
        assertEquals(DockerNames.hostVeth("a", "bridge"), "veth" + a.endpointId().substring(0, 7));
    }

    @Test
    void defaultBridgeReportsDockerdsOptionsAndItsContainersAtThePlannedAddresses() {
        DockerNetwork bridge = network("bridge");
        assertEquals(List.of(new IpamConfig(Ipv4Prefix.parse("172.17.0.0/16"), Optional.empty(), Optional.of(Ipv4Address.parse("172.17.0.1")),
                Map.of())), bridge.ipamConfig());
        assertEquals(Optional.empty(), bridge.ipamOptions(), "Docker prints IPAM.Options null for the predefined networks");
        assertEquals(Map.of("com.docker.network.bridge.default_bridge", "true", "com.docker.network.bridge.enable_icc", "true",
                "com.docker.network.bridge.enable_ip_masquerade", "true", "com.docker.network.bridge.host_binding_ipv4", "0.0.0.0",
                "com.docker.network.bridge.name", "docker0", "com.docker.network.driver.mtu", "1500"), bridge.options());
        assertEquals(List.of("a", "b"), bridge.containers().stream().map(Endpoint::name).toList());
        for (Endpoint e : bridge.containers()) {
            Ipv4Address ip = plan.endpoint(e.name(), "bridge").orElseThrow();
            assertEquals(Optional.of(Ipv4Interface.of(ip, 16)), e.ipv4(), e.name());
            assertEquals(topology.iface(LinkRef.end(e.name(), "eth0")).orElseThrow().mac(), e.mac(), e.name());
            assertEquals(InspectIds.container(e.name()), e.containerId());
        }
    }

    @Test
    void userNetworkReportsTheSubnetGatewayRangeAndAuxAddressItWasCreatedWith() {
        DockerNetwork front = network("front");
        assertEquals(List.of(new IpamConfig(Ipv4Prefix.parse("172.20.0.0/16"), Optional.of(Ipv4Prefix.parse("172.20.5.0/24")),
                Optional.of(Ipv4Address.parse("172.20.0.254")), Map.of("router", Ipv4Address.parse("172.20.5.0")))), front.ipamConfig());
        assertEquals(Optional.of(Map.of()), front.ipamOptions());
        assertEquals(Map.of("com.docker.network.bridge.enable_icc", "false"), front.options(), "only the options given, under Docker's keys");
        Endpoint web = front.containers().getFirst();
        assertEquals(Optional.of(Ipv4Interface.parse("172.20.5.1/16")), web.ipv4(), "the range's first address is the aux address");
        assertEquals(plan.endpoint("web", "front").orElseThrow(), web.ipv4().orElseThrow().address());
        assertEquals(Optional.of(MacAddress.parse("02:42:ac:14:05:01")), web.mac());
    }

    @Test
    void networkGivenNoSubnetReportsThePoolAndGatewayIpamChose() {
        DockerNetwork auto = network("auto");
        var p = plan.network("host1", "auto").orElseThrow();
        assertEquals(List.of(new IpamConfig(p.subnet(), Optional.empty(), Optional.of(p.gateway()), Map.of())), auto.ipamConfig());
        assertEquals("172.18.0.0/16", p.subnet().toString());
        assertEquals(List.of(), auto.containers());
    }

    @Test
    void macvlanNetworkShowsItsParentAndContainer() {
        DockerNetwork pub = network("pub_net");
        assertEquals("macvlan", pub.driver());
        assertEquals(Map.of("parent", "ens160"), pub.options());
        assertEquals(Optional.of(Ipv4Interface.parse("10.3.1.144/24")), pub.containers().getFirst().ipv4());
    }

    @Test
    void userNetworksAreCreatedAfterTheDaemonStartedInSpecOrder() {
        assertEquals("2020-12-08T00:00:00Z", network("bridge").created());
        assertEquals("2020-12-08T00:00:01Z", network("front").created());
        assertEquals("2020-12-08T00:00:02Z", network("auto").created());
        assertEquals("2020-12-08T00:00:03Z", network("pub_net").created());
    }

    @Test
    void brctlShowListsEachBridgeWithItsVethPorts() {
        assertEquals("bridge name\tbridge id\t\tSTP enabled\tinterfaces\n"
                + "br-0010ca6a5b24\t\t8000.0242079282a8\tno\t\tvethd176dbc\n"
                + "br-8e5d3ea33b49\t\t8000.024281e238f7\tno\t\t\n"
                + "docker0\t\t8000.0242323d92fa\tno\t\tveth50181fd\n"
                + "\t\t\t\t\t\t\tvetha7ce298\n", BrctlShow.render(host1.bridges()));
    }

    @Test
    void containerIpAddrShowsItsEndOfTheVethPair() {
        assertEquals("""
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                    inet 127.0.0.1/8 scope host lo
                       valid_lft forever preferred_lft forever
                6: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default\s
                    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff link-netnsid 0
                    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0
                       valid_lft forever preferred_lft forever
                """, IpAddrShow.render(container("a").links()));
    }

    @Test
    void hostIpAddrShowsTheNicBridgesAndVethsWithTheirPeers() {
        String out = IpAddrShow.render(host1.links());
        assertTrue(out.contains("""
                2: ens160: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000
                    link/ether 00:50:56:00:00:01 brd ff:ff:ff:ff:ff:ff
                    inet 10.3.1.45/24 brd 10.3.1.255 scope global ens160
                """), "the host NIC is shown as the physical NIC it stands for:\n" + out);
        assertTrue(out.contains("""
                5: br-8e5d3ea33b49: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default\s
                """), "a bridge without ports has no carrier:\n" + out);
        assertTrue(out.contains("""
                7: veth50181fd@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP group default\s
                    link/ether 0e:92:09:63:3d:0b brd ff:ff:ff:ff:ff:ff link-netnsid 0
                """), out);
        assertEquals(List.of(1, 2, 3, 4, 5, 7, 9, 11), host1.links().stream().map(IpLink::index).toList(),
                "the container ends (6, 8, 10) and the macvlan child (12) were moved into their containers");
    }

    @Test
    void everyContainerInterfacePointsAtItsHostPeerAndBack() {
        for (ContainerInspection c : host1.containers()) {
            for (IpLink inside : c.links().subList(1, c.links().size())) {
                IpLink outside = host1.links().stream().filter(l -> l.index() == inside.linkIndex().orElseThrow()).findFirst().orElseThrow();
                if (c.name().equals("node-1")) {
                    assertEquals("ens160", outside.name(), "a macvlan child names its parent");
                } else {
                    assertEquals(inside.index(), outside.linkIndex().orElseThrow(), c.name() + " " + inside.name());
                    assertTrue(outside.name().startsWith("veth"), outside.name());
                }
            }
        }
    }

    @Test
    void plainMachineShowsItsInterfacesOnly() {
        HostInspection router = inspection.host("router").orElseThrow();
        assertFalse(router.docker());
        assertEquals(List.of("lo", "eth0"), router.links().stream().map(IpLink::name).toList());
        assertFalse(router.showsIptables(), "the lab gives the router no rules");
        String text = InspectText.render(inspection.only("router").orElseThrow());
        assertFalse(text.contains("docker network ls") || text.contains("iptables"), text);
    }

    @Test
    void iptablesSPrintsTheLoweredRulesAsIptablesSaveDoesWithoutHeadersOrCounters() {
        List<String> nat = IptablesRules.lines(host1.ruleset(), TableName.NAT);
        assertEquals(List.of("-P PREROUTING ACCEPT", "-P INPUT ACCEPT", "-P OUTPUT ACCEPT", "-P POSTROUTING ACCEPT", "-N DOCKER"),
                nat.subList(0, 5));
        String save = IptablesSave.render(host1.ruleset().orElseThrow());
        String natBlock = save.substring(save.indexOf("*nat"), save.indexOf("COMMIT"));
        assertEquals(natBlock.lines().filter(l -> l.startsWith("-A ")).toList(), nat.subList(5, nat.size()));
        assertTrue(IptablesRules.lines(host1.ruleset(), TableName.FILTER).contains("-P FORWARD DROP"));
    }

    @Test
    void textHasOneSectionPerCommandInOrder() {
        String text = InspectText.render(inspection);
        List<String> headings = text.lines().filter(l -> l.startsWith("$ ") || l.startsWith("== ")).toList();
        assertEquals(List.of("== host1 (Docker host) ==", "$ docker network ls", "$ docker network inspect auto",
                "$ docker network inspect bridge", "$ docker network inspect front", "$ docker network inspect host",
                "$ docker network inspect none", "$ docker network inspect pub_net", "$ brctl show", "$ ip addr",
                "$ docker exec a ip addr", "$ docker exec b ip addr", "$ docker exec web ip addr", "$ docker exec node-1 ip addr",
                "$ iptables -t nat -S", "$ iptables -S", "== router (plain machine) ==", "$ ip addr"), headings);
    }

    @Test
    void onlyKeepsOneHostAndRefusesAnUnknownOne() {
        assertEquals(List.of("router"), inspection.only("router").orElseThrow().hostNames());
        assertEquals(Optional.empty(), inspection.only("nope"));
    }

    @Test
    void theSameSpecInspectsTheSame() {
        ValidatedLab again = YamlSpecLoader.parseValidated("demo.yaml", LAB);
        assertEquals(InspectJson.render(inspection), InspectJson.render(LabInspection.of(again, Lowering.lower(again))));
    }

    @Test
    void containersInHostOrNoneModeAreListedOnThoseNetworksWithoutAddresses() {
        ValidatedLab modes = YamlSpecLoader.parseValidated("modes.yaml", """
                containers:
                  web: {}
                  probe: {network_mode: host}
                  idle: {network_mode: none}
                  side: {network_mode: "container:web"}
                """);
        HostInspection h = LabInspection.of(modes, Lowering.lower(modes)).host("host").orElseThrow();
        DockerNetwork hostNet = h.networks().stream().filter(n -> n.name().equals("host")).findFirst().orElseThrow();
        DockerNetwork none = h.networks().stream().filter(n -> n.name().equals("none")).findFirst().orElseThrow();
        assertEquals(List.of("probe"), hostNet.containers().stream().map(Endpoint::name).toList());
        assertEquals(List.of("idle"), none.containers().stream().map(Endpoint::name).toList());
        assertEquals(Optional.empty(), none.containers().getFirst().ipv4());
        Map<String, List<String>> names = new java.util.HashMap<>();
        h.containers().forEach(c -> names.put(c.name(), c.links().stream().map(IpLink::name).toList()));
        assertEquals(List.of("lo"), names.get("idle"));
        assertEquals(names.get("web"), names.get("side"), "container:web shares web's interfaces");
        assertEquals(h.links().stream().map(IpLink::name).toList(), names.get("probe"), "--network host shows the host's interfaces");
    }

    @Test
    void anIpvlanNetworkListsEachSubnetAndItsEndpointsHaveNoMacOfTheirOwn() {
        ValidatedLab ipv = YamlSpecLoader.parseValidated("ipv.yaml", """
                segments: {lan: {}}
                hosts:
                  host1:
                    interfaces: {ens160: {segment: lan, address: 10.3.1.45/24}}
                networks:
                  ipnet: {driver: ipvlan, ipvlan_mode: l3, parent: ens160, subnet: [192.168.214.0/24, 10.1.214.0/24]}
                containers:
                  c1: {networks: {ipnet: {ip: 10.1.214.10}}}
                """);
        DockerNetwork n = LabInspection.of(ipv, Lowering.lower(ipv)).host("host1").orElseThrow().networks().stream()
                .filter(x -> x.name().equals("ipnet")).findFirst().orElseThrow();
        assertEquals(List.of("192.168.214.0/24", "10.1.214.0/24"), n.ipamConfig().stream().map(c -> c.subnet().toString()).toList());
        Endpoint c1 = n.containers().getFirst();
        assertEquals(Optional.empty(), c1.mac(), "Docker shows an ipvlan endpoint's MacAddress as \"\"");
        assertEquals("10.1.214.10/24", c1.ipv4().orElseThrow().toString());
    }

    @Test
    void aSwarmNodeListsDockerGwbridgeAndTheOverlaysItKnowsWithSwarmScope() {
        ValidatedLab ov = YamlSpecLoader.parseValidated("ov.yaml", """
                segments: {underlay: {}}
                hosts:
                  node1: {interfaces: {eth0: {segment: underlay, address: 192.168.50.11/24}}, swarm: manager}
                  node2: {interfaces: {eth0: {segment: underlay, address: 192.168.50.12/24}}, swarm: worker}
                networks:
                  app: {driver: overlay, attachable: true}
                  idle: {driver: overlay, attachable: true}
                containers:
                  a: {host: node2, networks: [app]}
                """);
        LabInspection in = LabInspection.of(ov, Lowering.lower(ov));
        List<String> manager = in.host("node1").orElseThrow().networks().stream().map(n -> n.name() + "/" + n.scope()).toList();
        assertEquals(List.of("app/swarm", "bridge/local", "docker_gwbridge/local", "host/local", "idle/swarm", "ingress/swarm", "none/local"), manager);
        DockerNetwork app = in.host("node2").orElseThrow().networks().stream().filter(n -> n.name().equals("app")).findFirst().orElseThrow();
        assertEquals(Map.of("com.docker.network.driver.overlay.vxlanid_list", "4097"), app.options());
        assertEquals(List.of("a"), app.containers().stream().map(Endpoint::name).toList());
        assertTrue(in.host("node2").orElseThrow().networks().stream().noneMatch(n -> n.name().equals("idle")),
                "a worker has an overlay only while a container of it runs there");
    }
}
