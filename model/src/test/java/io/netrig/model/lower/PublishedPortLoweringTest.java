package io.netrig.model.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.render.IptablesSave;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Listener;
import io.netrig.model.topology.PortProxy;
import io.netrig.model.topology.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Published ports and the iptables layout of dockerd 20.10, written from Docker's documentation of its rules
 * (docs "Docker and iptables", "Packet filtering and firewalls") and libnetwork 20.10's documented behaviour: the
 * DNAT of a published port goes in nat/DOCKER and is skipped for traffic from the container's own bridge while the
 * userland proxy runs; filter/DOCKER accepts the forwarded connection; a MASQUERADE lets a container reach itself.
 */
class PublishedPortLoweringTest {

    private static Topology lower(String yaml) {
        return Lowering.lower(YamlSpecLoader.parseValidated("lab.yaml", yaml));
    }

    /** (a) docker network create -o …bridge.name=br-web -o …enable_icc=false --subnet 172.20.0.0/16 web; docker run --network web -p 8080:80 */
    @Test
    void userBridgeWithIccOffAndAPublishedPortMatchesDocker2010RuleForRule() {
        Topology t = lower("""
                networks:
                  web:
                    subnet: 172.20.0.0/16
                    options: {com.docker.network.bridge.name: br-web, com.docker.network.bridge.enable_icc: "false"}
                containers:
                  nginx: {networks: [web], ports: ["8080:80"]}
                """);
        String expected = """
                *nat
                :PREROUTING ACCEPT [0:0]
                :INPUT ACCEPT [0:0]
                :OUTPUT ACCEPT [0:0]
                :POSTROUTING ACCEPT [0:0]
                :DOCKER - [0:0]
                -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
                -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
                -A POSTROUTING -s 172.20.0.0/16 ! -o br-web -j MASQUERADE
                -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
                -A POSTROUTING -s 172.20.0.2/32 -d 172.20.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE
                -A DOCKER -i br-web -j RETURN
                -A DOCKER -i docker0 -j RETURN
                -A DOCKER ! -i br-web -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.20.0.2:80
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
                -A FORWARD -o br-web -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
                -A FORWARD -o br-web -j DOCKER
                -A FORWARD -i br-web ! -o br-web -j ACCEPT
                -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
                -A FORWARD -o docker0 -j DOCKER
                -A FORWARD -i docker0 ! -o docker0 -j ACCEPT
                -A FORWARD -i docker0 -o docker0 -j ACCEPT
                -A FORWARD -i br-web -o br-web -j DROP
                -A DOCKER -d 172.20.0.2/32 ! -i br-web -o br-web -p tcp -m tcp --dport 80 -j ACCEPT
                -A DOCKER-ISOLATION-STAGE-1 -i br-web ! -o br-web -j DOCKER-ISOLATION-STAGE-2
                -A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
                -A DOCKER-ISOLATION-STAGE-1 -j RETURN
                -A DOCKER-ISOLATION-STAGE-2 -o br-web -j DROP
                -A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
                -A DOCKER-ISOLATION-STAGE-2 -j RETURN
                -A DOCKER-USER -j RETURN
                COMMIT
                """;
        assertEquals(expected, IptablesSave.render(t.ruleset("host").orElseThrow()));
    }

    /** (b) two user-defined bridges beside docker0: each isolated from the others in two stages. */
    @Test
    void twoIsolatedBridgesMatchDocker2010RuleForRule() {
        Topology t = lower("""
                networks:
                  front: {subnet: 172.20.0.0/16, options: {bridge_name: br-front}}
                  back: {subnet: 172.21.0.0/16, options: {bridge_name: br-back}}
                containers:
                  a: {networks: [front]}
                  b: {networks: [back]}
                """);
        String expected = """
                *nat
                :PREROUTING ACCEPT [0:0]
                :INPUT ACCEPT [0:0]
                :OUTPUT ACCEPT [0:0]
                :POSTROUTING ACCEPT [0:0]
                :DOCKER - [0:0]
                -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
                -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
                -A POSTROUTING -s 172.21.0.0/16 ! -o br-back -j MASQUERADE
                -A POSTROUTING -s 172.20.0.0/16 ! -o br-front -j MASQUERADE
                -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
                -A DOCKER -i br-back -j RETURN
                -A DOCKER -i br-front -j RETURN
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
                -A FORWARD -o br-back -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
                -A FORWARD -o br-back -j DOCKER
                -A FORWARD -i br-back ! -o br-back -j ACCEPT
                -A FORWARD -i br-back -o br-back -j ACCEPT
                -A FORWARD -o br-front -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
                -A FORWARD -o br-front -j DOCKER
                -A FORWARD -i br-front ! -o br-front -j ACCEPT
                -A FORWARD -i br-front -o br-front -j ACCEPT
                -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
                -A FORWARD -o docker0 -j DOCKER
                -A FORWARD -i docker0 ! -o docker0 -j ACCEPT
                -A FORWARD -i docker0 -o docker0 -j ACCEPT
                -A DOCKER-ISOLATION-STAGE-1 -i br-back ! -o br-back -j DOCKER-ISOLATION-STAGE-2
                -A DOCKER-ISOLATION-STAGE-1 -i br-front ! -o br-front -j DOCKER-ISOLATION-STAGE-2
                -A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
                -A DOCKER-ISOLATION-STAGE-1 -j RETURN
                -A DOCKER-ISOLATION-STAGE-2 -o br-back -j DROP
                -A DOCKER-ISOLATION-STAGE-2 -o br-front -j DROP
                -A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
                -A DOCKER-ISOLATION-STAGE-2 -j RETURN
                -A DOCKER-USER -j RETURN
                COMMIT
                """;
        assertEquals(expected, IptablesSave.render(t.ruleset("host").orElseThrow()));
    }

    @Test
    void userlandProxyOffHairpinsPublishedPortsThroughNatInstead() {
        Topology t = lower("""
                hosts:
                  host:
                    daemon: {userland-proxy: false}
                containers:
                  web: {ports: ["8080:80"]}
                """);
        String nat = IptablesSave.render(t.ruleset("host").orElseThrow()).split("\\*filter")[0];
        assertEquals("""
                *nat
                :PREROUTING ACCEPT [0:0]
                :INPUT ACCEPT [0:0]
                :OUTPUT ACCEPT [0:0]
                :POSTROUTING ACCEPT [0:0]
                :DOCKER - [0:0]
                -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
                -A OUTPUT -m addrtype --dst-type LOCAL -j DOCKER
                -A POSTROUTING -o docker0 -m addrtype --src-type LOCAL -j MASQUERADE
                -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
                -A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE
                -A DOCKER -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
                COMMIT
                """, nat);
        assertTrue(t.iface(LinkRef.end("host", DockerNames.hostVeth("web", "bridge"))).orElseThrow().port().orElseThrow().hairpin(),
                "the container's bridge port hairpins, so it can reach itself through the host");
        assertEquals("1", t.sysctl("host", "net.ipv4.conf.docker0.route_localnet").orElseThrow());
        assertTrue(t.services().stream().noneMatch(s -> s instanceof PortProxy), "no docker-proxy without the userland proxy");
    }

    @Test
    void userlandProxyListensOnTheHostPortAndTheContainerOnItsPort() {
        Topology t = lower("""
                containers:
                  web: {ports: ["127.0.0.1:8080:80", "53:53/udp"]}
                """);
        assertEquals(List.of(
                new PortProxy("host", IpProtocol.UDP, Ipv4Address.ANY, 53, Ipv4Address.parse("172.17.0.2"), 53,
                        t.services().get(0).provenance()),
                new PortProxy("host", IpProtocol.TCP, Ipv4Address.parse("127.0.0.1"), 8080, Ipv4Address.parse("172.17.0.2"), 80,
                        t.services().get(1).provenance()),
                new Listener("web", IpProtocol.TCP, Ipv4Address.ANY, 80, t.services().get(2).provenance()),
                new Listener("web", IpProtocol.UDP, Ipv4Address.ANY, 53, t.services().get(3).provenance())), t.services());
        String nat = IptablesSave.render(t.ruleset("host").orElseThrow());
        assertTrue(nat.contains("-A DOCKER ! -i docker0 -p udp -m udp --dport 53 -j DNAT --to-destination 172.17.0.2:53\n"
                + "-A DOCKER -d 127.0.0.1/32 ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80\n"), nat);
    }

    @Test
    void aPortWithoutHostPortGetsTheFirstFreeEphemeralPort() {
        Topology t = lower("""
                containers:
                  a: {ports: ["80"]}
                  b: {ports: ["32768:80", "443"]}
                """);
        String rules = IptablesSave.render(t.ruleset("host").orElseThrow());
        assertTrue(rules.contains("--dport 32769 -j DNAT --to-destination 172.17.0.2:80"), rules);
        assertTrue(rules.contains("--dport 32768 -j DNAT --to-destination 172.17.0.3:80"), rules);
        assertTrue(rules.contains("--dport 32770 -j DNAT --to-destination 172.17.0.3:443"), rules);
    }

    @Test
    void hostBindingOptionIsTheDefaultHostAddressOfTheNetwork() {
        Topology t = lower("""
                hosts:
                  host:
                    interfaces: {eth0: {segment: lan, address: 10.0.0.5/24}}
                segments: {lan: }
                networks:
                  web: {options: {com.docker.network.bridge.host_binding_ipv4: 10.0.0.5}}
                containers:
                  a: {networks: [web], ports: ["8080:80"]}
                """);
        assertTrue(IptablesSave.render(t.ruleset("host").orElseThrow()).contains("-A DOCKER -d 10.0.0.5/32 ! -i "));
    }

    @Test
    void publishedPortsFollowTheGatewayEndpointAndNotAnInternalNetwork() {
        Topology t = lower("""
                networks:
                  zeta: {subnet: 172.30.0.0/24}
                  alpha: {subnet: 172.31.0.0/24}
                containers:
                  a: {networks: [zeta, alpha], ports: ["8080:80"]}
                """);
        assertEquals(Ipv4Address.parse("172.31.0.1"), t.routesIn("a").getFirst().via().orElseThrow(),
                "libnetwork picks the gateway endpoint by network name, not by attachment order");
        assertTrue(IptablesSave.render(t.ruleset("host").orElseThrow()).contains("--to-destination 172.31.0.2:80"));
    }

    @Test
    void defaultGatewayDaemonOptionSetsTheDefaultRouteOnTheDefaultBridge() {
        Topology t = lower("""
                hosts:
                  host:
                    daemon: {bip: 172.17.0.1/16, default-gateway: 172.17.0.254}
                containers:
                  a: {}
                """);
        assertEquals(Ipv4Address.parse("172.17.0.254"), t.routesIn("a").getFirst().via().orElseThrow());
    }

    @Test
    void hostAndContainerModesShareANamespaceAndNoneHasOnlyLoopback() {
        Topology t = lower("""
                containers:
                  app: {listen: [80]}
                  sidecar: {network_mode: "container:app", listen: [9090]}
                  agent: {networks: [host], listen: [8125/udp]}
                  offline: {network_mode: none}
                """);
        assertEquals("app", t.namespaceOf("sidecar").orElseThrow());
        assertEquals("host", t.namespaceOf("agent").orElseThrow());
        assertTrue(t.namespace("offline").isPresent());
        assertTrue(t.ifacesIn("offline").isEmpty() && t.addressesIn("offline").isEmpty() && t.routesIn("offline").isEmpty());
        assertFalse(t.namespace("sidecar").isPresent());
        assertEquals(List.of(9090, 80), t.servicesIn("app").stream().map(s -> s.port()).sorted((x, y) -> y - x).toList());
        assertEquals(8125, t.servicesIn("host").getFirst().port());
    }
}
