package io.netrig.model.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.SpecException;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.Dummy;
import io.netrig.model.topology.Ipvlan;
import io.netrig.model.topology.IpvlanMode;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Macvlan;
import io.netrig.model.topology.Route;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Vlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ipvlan networks, 802.1q parents and dummy parents, as libnetwork's macvlan and ipvlan drivers make them. */
class ChildNetworkLoweringTest {
    private static final String HOSTS = """
            segments: {lan: {}}
            hosts:
              host1:
                interfaces: {ens160: {segment: lan, address: 10.3.1.45/24}}
            """;

    private static Topology lower(String yaml) {
        return Lowering.lower(YamlSpecLoader.parseValidated("lab.yaml", yaml));
    }

    private static <T> List<T> links(Topology t, Class<T> kind) {
        return t.links().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    @Test
    void ipvlanL2ChildrenHangOnTheParentWithItsMacAndRouteViaTheGateway() {
        Topology t = lower(HOSTS + """
                networks:
                  ipv: {driver: ipvlan, parent: ens160, subnet: 10.3.1.0/24, gateway: 10.3.1.1}
                containers:
                  a: {networks: {ipv: {ip: 10.3.1.150}}}
                """);
        Ipvlan a = links(t, Ipvlan.class).getFirst();
        assertEquals(LinkRef.end("a", "eth0"), a.self().ref());
        assertEquals(LinkRef.end("host1", "ens160"), a.parent());
        assertEquals(IpvlanMode.L2, a.mode());
        assertTrue(a.self().mac().isEmpty(), "an ipvlan child has its parent's MAC");
        Route def = t.routesIn("a").getFirst();
        assertEquals("10.3.1.1", def.via().orElseThrow().toString());
    }

    @Test
    void ipvlanL3RoutesOutOfEth0WithoutAGateway() {
        Topology t = lower(HOSTS + """
                networks:
                  ipv: {driver: ipvlan, parent: ens160, ipvlan_mode: l3, subnet: 192.168.214.0/24}
                containers:
                  a: {networks: [ipv]}
                """);
        assertEquals(IpvlanMode.L3, links(t, Ipvlan.class).getFirst().mode());
        Route def = t.routesIn("a").getFirst();
        assertTrue(def.destination().isDefault());
        assertTrue(def.via().isEmpty(), def.toString());
        assertEquals("eth0", def.dev().orElseThrow().value());
    }

    @Test
    void vlanParentIsCreatedOnceAndSharedByNothingElse() {
        Topology t = lower(HOSTS + """
                networks:
                  v50: {driver: macvlan, parent: ens160.50, subnet: 192.168.50.0/24}
                  v60: {driver: ipvlan, options: {parent: ens160.60, ipvlan_mode: l2}, subnet: 192.168.60.0/24}
                containers:
                  a: {networks: [v50]}
                  b: {networks: [v60]}
                """);
        List<Vlan> vlans = links(t, Vlan.class);
        assertEquals(2, vlans.size(), vlans.toString());
        assertEquals(LinkRef.end("host1", "ens160.50"), vlans.get(0).self().ref());
        assertEquals(50, vlans.get(0).vlanId());
        assertEquals(LinkRef.end("host1", "ens160"), vlans.get(0).parent());
        assertEquals(60, vlans.get(1).vlanId());
        assertEquals(LinkRef.end("host1", "ens160.50"), links(t, Macvlan.class).getFirst().parent());
        assertEquals(LinkRef.end("host1", "ens160.60"), links(t, Ipvlan.class).getFirst().parent());
    }

    @Test
    void internalOrParentlessNetworksGetADummyParentNamedAfterTheNetworkId() {
        Topology t = lower(HOSTS + """
                networks:
                  island: {driver: ipvlan, subnet: 192.168.70.0/24}
                  inner: {driver: macvlan, parent: ens160, internal: true, subnet: 192.168.71.0/24}
                containers:
                  a: {networks: [island]}
                  b: {networks: [inner]}
                """);
        List<Dummy> dummies = links(t, Dummy.class);
        assertEquals(2, dummies.size());
        assertTrue(dummies.get(0).self().ref().name().value().matches("di-[0-9a-f]{12}"), dummies.toString());
        assertTrue(dummies.get(1).self().ref().name().value().matches("dm-[0-9a-f]{12}"), dummies.toString());
        assertEquals(dummies.get(1).self().ref(), links(t, Macvlan.class).getFirst().parent(), "internal ignores the parent");
        assertFalse(t.linkNamesIn("host1").stream().anyMatch(n -> n.value().contains(".")));
    }

    @Test
    void badParentsGetDockersWording() {
        SpecException missing = assertThrows(SpecException.class, () -> lower(HOSTS + """
                networks:
                  n: {driver: ipvlan, parent: eth9, subnet: 192.168.80.0/24}
                """));
        assertTrue(missing.getMessage().contains("lab.yaml:6:"), missing.getMessage());
        assertTrue(missing.getMessage().contains("invalid subinterface vlan name eth9, example formatting is eth0.10"),
                missing.getMessage());
        SpecException vid = assertThrows(SpecException.class, () -> lower(HOSTS + """
                networks:
                  n: {driver: macvlan, parent: ens160.5000, subnet: 192.168.80.0/24}
                """));
        assertTrue(vid.getMessage().contains("vlan id must be between 1-4094, received: 5000"), vid.getMessage());
        SpecException master = assertThrows(SpecException.class, () -> lower(HOSTS + """
                networks:
                  n: {driver: macvlan, parent: eth1.10, subnet: 192.168.80.0/24}
                """));
        assertTrue(master.getMessage().contains("failed to find master interface eth1 on the Docker host"), master.getMessage());
        SpecException shared = assertThrows(SpecException.class, () -> lower(HOSTS + """
                networks:
                  m: {driver: macvlan, parent: ens160, subnet: 192.168.80.0/24}
                  n: {driver: ipvlan, parent: ens160, subnet: 192.168.81.0/24}
                """));
        assertTrue(shared.getMessage().contains("is already using parent interface ens160"), shared.getMessage());
    }

    @Test
    void fixedIpOutsideTheSubnetGetsDockersWording() {
        SpecException e = assertThrows(SpecException.class, () -> lower(HOSTS + """
                networks:
                  ipv: {driver: ipvlan, parent: ens160, subnet: 10.3.1.0/24}
                containers:
                  a: {networks: {ipv: {ip: 10.9.9.9}}}
                """));
        assertTrue(e.getMessage().contains("Invalid address 10.9.9.9: It does not belong to any of this network's subnets"),
                e.getMessage());
    }

    @Test
    void severalSubnetsPairEachGatewayWithItsSubnetAndEndpointsTakeThePoolOfTheirAddress() {
        Topology t = lower(HOSTS + """
                networks:
                  ipv:
                    driver: ipvlan
                    parent: ens160
                    subnet: [192.168.210.0/24, 192.168.212.0/24]
                    gateway: [192.168.212.254, 192.168.210.254]
                containers:
                  a: {networks: [ipv]}
                  b: {networks: {ipv: {ip: 192.168.212.10}}}
                """);
        assertEquals("192.168.210.1/24", t.addressesIn("a").getFirst().address().toString());
        assertEquals("192.168.210.254", t.routesIn("a").getFirst().via().orElseThrow().toString());
        assertEquals("192.168.212.10/24", t.addressesIn("b").getFirst().address().toString());
        assertEquals("192.168.212.254", t.routesIn("b").getFirst().via().orElseThrow().toString());
    }

    @Test
    void severalSubnetsAreForMacvlanAndIpvlanOnlyAndEveryGatewayNeedsItsSubnet() {
        SpecException bridge = assertThrows(SpecException.class, () -> lower(HOSTS + """
                networks:
                  n: {subnet: [192.168.80.0/24, 192.168.81.0/24]}
                """));
        assertTrue(bridge.getMessage().contains("bridge driver doesn't support multiple subnets"), bridge.getMessage());
        SpecException gw = assertThrows(SpecException.class, () -> lower(HOSTS + """
                networks:
                  n: {driver: ipvlan, parent: ens160, subnet: [192.168.80.0/24, 192.168.81.0/24], gateway: [192.168.82.1]}
                """));
        assertTrue(gw.getMessage().contains("no matching subnet for gateway 192.168.82.1"), gw.getMessage());
    }
}
