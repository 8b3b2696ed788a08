package io.netrig.model.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.firewall.TableName;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.MacAddress;
import io.netrig.model.render.IptablesSave;
import io.netrig.model.spec.Specs;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Route;
import io.netrig.model.topology.Sysctl;
import io.netrig.model.topology.Topology;
import org.junit.jupiter.api.Test;

class DockerLoweringTest {

    private static Topology twoContainersOnOneBridge() {
        return Lowering.lower(Specs.lab("one-bridge").bridge("front", "172.20.0.0/16").container("a", "front").container("b", "front").build());
    }

    @Test
    void containersGetAddressesInStartOrderAfterTheGateway() {
        Topology t = twoContainersOnOneBridge();
        assertEquals("172.20.0.2/16", t.addressesIn("a").getFirst().address().toString());
        assertEquals("172.20.0.3/16", t.addressesIn("b").getFirst().address().toString());
    }

    @Test
    void containerMacIsDerivedFromItsAddressAsDocker2010Does() {
        Topology t = twoContainersOnOneBridge();
        Iface eth0 = t.iface(LinkRef.end("a", "eth0")).orElseThrow();
        assertEquals(MacAddress.parse("02:42:ac:14:00:02"), eth0.mac().orElseThrow());
    }

    @Test
    void containerDefaultRouteGoesViaTheNetworkGateway() {
        Topology t = twoContainersOnOneBridge();
        Route r = t.routesIn("a").getFirst();
        assertTrue(r.destination().isDefault());
        assertEquals(Ipv4Address.parse("172.20.0.1"), r.via().orElseThrow());
    }

    @Test
    void hostSideVethIsAPortOfTheNetworksBridge() {
        Topology t = twoContainersOnOneBridge();
        String bridge = DockerNames.bridge("host", "front");
        Iface hostSide = t.iface(LinkRef.end("host", DockerNames.hostVeth("a", "front"))).orElseThrow();
        assertEquals(bridge, hostSide.port().orElseThrow().bridge().value());
        assertEquals("172.20.0.1/16", t.addressesIn("host").stream()
                .filter(a -> a.ref().name().value().equals(bridge)).findFirst().orElseThrow().address().toString());
    }

    @Test
    void dockerHostForwardsAndPassesBridgedTrafficThroughIptables() {
        Topology t = twoContainersOnOneBridge();
        assertEquals("1", t.sysctl("host", Sysctl.IP_FORWARD).orElseThrow());
        assertEquals("1", t.sysctl("host", Sysctl.BRIDGE_NF_CALL_IPTABLES).orElseThrow());
    }

    @Test
    void firewallMatchesDocker2010LayoutWithNewestNetworkFirst() {
        Topology t = twoContainersOnOneBridge();
        String br = DockerNames.bridge("host", "front");
        String expected = """
                *nat
                :PREROUTING ACCEPT [0:0]
                :INPUT ACCEPT [0:0]
                :OUTPUT ACCEPT [0:0]
                :POSTROUTING ACCEPT [0:0]
                :DOCKER - [0:0]
                -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
                -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
                -A POSTROUTING -s 172.20.0.0/16 ! -o BR -j MASQUERADE
                -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
                -A DOCKER -i BR -j RETURN
                -A DOCKER -i docker0 -j RETURN
                COMMIT
                *filter
                :INPUT ACCEPT [0:0]
                :FORWARD DROP [0:0]
                :OUTPUT ACCEPT [0:0]
                :DOCKER - [0:0]
                :DOCKER-ISOLATION-STAGE-1 - [0:0]
                :DOCKER-ISOLATION-STAGE-2 - [0:0]
                :DOCKER-USER - [0:0]
                -A FORWARD -j DOCKER-USER
                -A FORWARD -j DOCKER-ISOLATION-STAGE-1
                -A FORWARD -o BR -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
                -A FORWARD -o BR -j DOCKER
                -A FORWARD -i BR ! -o BR -j ACCEPT
                -A FORWARD -i BR -o BR -j ACCEPT
                -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
                -A FORWARD -o docker0 -j DOCKER
                -A FORWARD -i docker0 ! -o docker0 -j ACCEPT
                -A FORWARD -i docker0 -o docker0 -j ACCEPT
                -A DOCKER-ISOLATION-STAGE-1 -i BR ! -o BR -j DOCKER-ISOLATION-STAGE-2
                -A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
                -A DOCKER-ISOLATION-STAGE-1 -j RETURN
                -A DOCKER-ISOLATION-STAGE-2 -o BR -j DROP
                -A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
                -A DOCKER-ISOLATION-STAGE-2 -j RETURN
                -A DOCKER-USER -j RETURN
                COMMIT
                """.replace("BR", br);
        assertEquals(expected, IptablesSave.render(t.ruleset("host").orElseThrow()));
    }

    @Test
    void iccOffTurnsTheSameBridgeRuleIntoDrop() {
        Topology t = Lowering.lower(Specs.lab("icc").network(Specs.iccOff(Specs.withSubnet(
                io.netrig.model.spec.NetworkSpec.bridge("quiet"), "172.30.0.0/24"))).container("a", "quiet").build());
        String br = DockerNames.bridge("host", "quiet");
        String rules = IptablesSave.render(t.ruleset("host").orElseThrow());
        assertTrue(rules.contains("-A FORWARD -i " + br + " -o " + br + " -j DROP\n"), rules);
    }

    @Test
    void internalNetworkDropsEverythingLeavingOrEnteringItsSubnetAndHasNoMasquerade() {
        Topology t = Lowering.lower(Specs.lab("int").network(Specs.internal(Specs.withSubnet(
                io.netrig.model.spec.NetworkSpec.bridge("secret"), "172.31.5.0/24"))).container("a", "secret").build());
        String br = DockerNames.bridge("host", "secret");
        String rules = IptablesSave.render(t.ruleset("host").orElseThrow());
        assertTrue(rules.contains("-A DOCKER-ISOLATION-STAGE-1 ! -s 172.31.5.0/24 -o " + br + " -j DROP\n"
                + "-A DOCKER-ISOLATION-STAGE-1 ! -d 172.31.5.0/24 -i " + br + " -j DROP\n"), rules);
        assertTrue(!rules.contains("172.31.5.0/24 ! -o " + br + " -j MASQUERADE"), rules);
        assertTrue(t.routesIn("a").getFirst().destination().isDefault(), "Docker 20.10 keeps the default route on internal networks");
    }

    @Test
    void loweringIsDeterministic() {
        assertEquals(twoContainersOnOneBridge(), twoContainersOnOneBridge());
    }

    @Test
    void containerWithoutNetworksJoinsTheDefaultBridge() {
        Topology t = Lowering.lower(Specs.lab("plain").container("c").build());
        assertEquals("172.17.0.2/16", t.addressesIn("c").getFirst().address().toString());
        assertEquals("docker0", t.iface(LinkRef.end("host", DockerNames.hostVeth("c", "bridge"))).orElseThrow()
                .port().orElseThrow().bridge().value());
        assertTrue(t.ruleset("host").orElseThrow().table(TableName.FILTER).isPresent());
    }

    @Test
    void networkMtuIsSetOnBothEndsOfTheEndpoint() {
        Topology t = Lowering.lower(Specs.lab("mtu").network(Specs.withMtu(Specs.withSubnet(
                io.netrig.model.spec.NetworkSpec.bridge("small"), "10.9.0.0/24"), 1400)).container("c", "small").build());
        assertEquals(1400, t.iface(LinkRef.end("c", "eth0")).orElseThrow().mtu());
        assertEquals(1400, t.iface(LinkRef.end("host", DockerNames.hostVeth("c", "small"))).orElseThrow().mtu());
    }
}
