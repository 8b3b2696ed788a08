package io.netrig.model.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.SpecException;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Services and their tasks, the ingress network, and what a swarm manager refuses. */
class SwarmServicesTest {
    private static final String HOSTS = """
            segments: {underlay: {}}
            hosts:
              node1: {interfaces: {eth0: {segment: underlay, address: 192.168.50.11/24}}, swarm: manager}
              node2: {interfaces: {eth0: {segment: underlay, address: 192.168.50.12/24}}, swarm: worker}
              node3: {interfaces: {eth0: {segment: underlay, address: 192.168.50.13/24}}, swarm: worker}
            networks:
              app: {driver: overlay}
            """;

    @Test
    void parsesDockerServicePublishSyntax() {
        assertEquals(new ServiceSpec.ServicePort(8080, 80, IpProtocol.TCP, ServiceSpec.PublishMode.INGRESS),
                ServiceSpec.ServicePort.parse("published=8080,target=80"));
        assertEquals(new ServiceSpec.ServicePort(53, 5353, IpProtocol.UDP, ServiceSpec.PublishMode.HOST),
                ServiceSpec.ServicePort.parse("published=53,target=5353,protocol=udp,mode=host"));
        assertEquals(new ServiceSpec.ServicePort(8080, 80, IpProtocol.UDP, ServiceSpec.PublishMode.INGRESS),
                ServiceSpec.ServicePort.parse("8080:80/udp"));
        IllegalArgumentException noTarget = assertThrows(IllegalArgumentException.class, () -> ServiceSpec.ServicePort.parse("published=1"));
        assertTrue(noTarget.getMessage().contains("missing mandatory field \"target\""), noTarget.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServiceSpec.ServicePort.parse("published=1,target=2,mode=mesh"));
    }

    @Test
    void replicasSpreadOverEveryNodeAndAGlobalServiceRunsOnEach() {
        ValidatedLab v = YamlSpecLoader.parseValidated("lab.yaml", HOSTS + """
                services:
                  web: {networks: [app], replicas: 4}
                  agent: {networks: [app], mode: global, placement: [node2, node3]}
                """);
        assertEquals(List.of("web.1@node1", "web.2@node2", "web.3@node3", "web.4@node1", "agent.node2@node2", "agent.node3@node3"),
                SwarmServices.tasks(v.spec()).stream().map(t -> t.name() + "@" + t.node()).toList());
        assertTrue(v.spec().containers().containsKey("web.4"), "tasks are containers of the validated lab");
        assertTrue(v.spec().networks().containsKey(SwarmServices.INGRESS), "docker swarm init creates the ingress network");
        assertEquals(List.of("app"), v.spec().containers().get("web.1").endpoints().stream().map(EndpointSpec::network).toList(),
                "a service publishing nothing is not on the ingress network");
    }

    @Test
    void refusesWhatASwarmManagerRefuses() {
        SpecException e = assertThrows(SpecException.class, () -> YamlSpecLoader.parseValidated("lab.yaml", HOSTS + """
                  lan: {driver: bridge, host: node1}
                services:
                  a: {networks: [lan], endpoint_mode: dnsrr, ports: ["published=80,target=80"]}
                  b: {networks: [nope], placement: [node9]}
                  c: {networks: [app], ports: ["80:8080"]}
                """));
        String m = e.getMessage();
        assertTrue(m.contains("service 'a': network 'lan' is a bridge network, but services attach to overlay networks only"), m);
        assertTrue(m.contains("port published with ingress mode can't be used with dnsrr mode"), m);
        assertTrue(m.contains("service 'b': network 'nope' is not defined"), m);
        assertTrue(m.contains("placement node 'node9' is not a swarm node (swarm nodes: node1, node2, node3)"), m);
        assertTrue(m.contains("service 'c': port '80' is already in use by service 'a' as an ingress port"), m);
        assertTrue(m.contains("lab.yaml:"), "problems point into the file: " + m);
    }

    @Test
    void aCustomIngressReplacesTheDefaultAndKeepsTheFirstVni() {
        ValidatedLab v = YamlSpecLoader.parseValidated("lab.yaml", HOSTS + """
                  my-ingress: {driver: overlay, ingress: true, subnet: 10.11.0.0/16, gateway: 10.11.0.2}
                services:
                  web: {networks: [app], ports: ["published=8080,target=80"]}
                """);
        assertEquals("my-ingress", SwarmServices.ingressName(v.spec()));
        assertTrue(!v.spec().networks().containsKey(SwarmServices.INGRESS), "no default ingress beside a custom one");
        assertEquals(java.util.OptionalInt.of(SwarmServices.INGRESS_VNI), v.spec().networks().get("my-ingress").overlay().vni());
        assertEquals(List.of("my-ingress", "app"), v.spec().containers().get("web.1").endpoints().stream().map(EndpointSpec::network).toList());
        SpecException two = assertThrows(SpecException.class, () -> YamlSpecLoader.parseValidated("lab.yaml", HOSTS + """
                  in1: {driver: overlay, ingress: true}
                  in2: {driver: overlay, ingress: true, attachable: true}
                """));
        assertTrue(two.getMessage().contains("a swarm has one ingress network, and 'in1' already is"), two.getMessage());
        assertTrue(two.getMessage().contains("the ingress network cannot be attachable"), two.getMessage());
    }

    @Test
    void probesMayNameAServiceOnlyFromAContainerOnItsNetworks() {
        String lab = HOSTS.replace("app: {driver: overlay}", "app: {driver: overlay, attachable: true}") + """
                services:
                  web: {networks: [app], replicas: 2}
                containers:
                  probe: {host: node3, networks: [app]}
                expect:
                  - {ping: {from: probe, to: web}, result: ok}
                  - {ping: {from: probe, to: tasks.web}, result: ok}
                """;
        YamlSpecLoader.parseValidated("lab.yaml", lab);
        SpecException e = assertThrows(SpecException.class, () -> YamlSpecLoader.parseValidated("lab.yaml",
                lab + "  - {tcp: {from: node1, to: web, port: 80}, result: ok}\n"));
        assertTrue(e.getMessage().contains("tcp to 'web': 'web' is a swarm service, and only a container on one of its networks (app) "
                + "resolves it; 'node1' is not"), e.getMessage());
    }
}
