package io.netrig.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.UnsupportedFeatureException;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerPlanTest {
    private static final LabNames NAMES = new LabNames("nr", "nrx1a2");

    private static DockerPlan plan(String yaml) {
        return DockerPlan.of(YamlSpecLoader.parseValidated("lab.yaml", yaml), NAMES);
    }

    @Test
    void prefixesEveryNameAndPinsSubnetsLeftToDockersIpam() {
        DockerPlan plan = plan("""
                networks:
                  front: {subnet: 172.20.0.0/16}
                  auto: {}
                containers:
                  web: {networks: {front: {ip: 172.20.0.10, aliases: [www]}}}
                  tool: {}
                """);
        assertEquals(List.of("nrx1a2-front", "nrx1a2-auto"), plan.networks().stream().map(DockerPlan.NetworkRequest::name).toList());
        assertTrue(plan.networks().get(1).subnet().isPresent(), "a subnet left to Docker is pinned to netrig's IPAM choice");
        DockerPlan.ContainerRequest web = plan.containers().getFirst();
        assertEquals("nrx1a2-web", web.name());
        var endpoint = ((DockerPlan.Networking.Attached) web.networking()).endpoints().getFirst();
        assertEquals(List.of("web", "www"), endpoint.aliases(), "the spec's name resolves although the engine's name is prefixed");
        var tool = ((DockerPlan.Networking.Attached) plan.containers().get(1).networking()).endpoints().getFirst();
        assertEquals("bridge", tool.network(), "a container without networks is on the default bridge");
    }

    @Test
    void mapsTheMacvlanParentAndTheShimToTheLabsOwnLinks() {
        DockerPlan plan = plan("""
                segments: {lan: {}}
                hosts:
                  host1: {interfaces: {ens160: {segment: lan, address: 10.213.7.45/24}}}
                networks:
                  pub: {driver: macvlan, parent: ens160, subnet: 10.213.7.0/24}
                commands:
                  host1: |
                    ip link add macvlan_host link ens160 type macvlan mode bridge
                    ip addr add 10.213.7.200/32 dev macvlan_host
                """);
        assertEquals("nrx1a2h0", plan.interfaces().getFirst().name());
        assertEquals(Map.of("parent", "nrx1a2h0", "macvlan_mode", "bridge"), plan.networks().getFirst().options());
        assertEquals(new DockerPlan.RootChange.AddMacvlan("ip link add macvlan_host link ens160 type macvlan mode bridge", "nrx1a2c0", "nrx1a2h0",
                io.netrig.model.topology.MacvlanMode.BRIDGE), plan.commands().getFirst());
    }

    @Test
    void refusesWhatOneRealDockerHostCannotRunNamingEachSpecElement() {
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, () -> plan("""
                segments: {lan: {}}
                hosts:
                  host1:
                    interfaces: {eth0: {segment: lan, address: 10.9.0.2/24}}
                    routes: [{to: default, via: 10.9.0.1}]
                networks:
                  l3: {driver: ipvlan, parent: eth0, subnet: 10.9.0.0/24}
                containers:
                  agent: {networks: [host]}
                  dns: {networks: [l3], listen: [53/udp]}
                commands:
                  host1: |
                    sysctl -w net.ipv4.ip_forward=0
                """));
        String message = e.getMessage();
        for (String part : List.of("lab.yaml:", "hosts.host1.routes", "networks.l3.driver: this kernel has no ipvlan links",
                "containers.agent.network_mode", "containers.dns.listen", "commands.host1.0")) {
            assertTrue(message.contains(part), () -> "the refusal names " + part + ":\n" + message);
        }
    }

    @Test
    void refusesSeveralDockerHosts() {
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, () -> plan("""
                hosts: {a: {}, b: {}}
                """));
        assertTrue(e.getMessage().contains("one Docker host"), e.getMessage());
    }
}
