package io.netrig.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.backend.Lab;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.lower.Lowering;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Swarm services as the model lowers them, in the simulator: its IPVS spreads connections and says so. */
class SwarmServiceLabTest extends SimLabTestSupport {
    private static Topology lower() {
        return Lowering.lower(YamlSpecLoader.parseValidated("lab.yaml", """
                segments: {underlay: {}}
                hosts:
                  node1: {interfaces: {eth0: {segment: underlay, address: 192.168.50.11/24}}, swarm: manager}
                  node2: {interfaces: {eth0: {segment: underlay, address: 192.168.50.12/24}}, swarm: worker}
                  client:
                    docker: false
                    interfaces: {eth0: {segment: underlay, address: 192.168.50.9/24}}
                networks:
                  app: {driver: overlay, attachable: true}
                services:
                  web: {networks: [app], replicas: 2, ports: ["published=8080,target=80"]}
                containers:
                  probe: {host: node2, networks: [app]}
                """));
    }

    @Test
    void connectionsToTheVipGoToTheTasksInTurnAndTheObservationSaysIpvsChose() {
        try (Lab lab = start(lower())) {
            List<String> details = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Observation o = lab.probe(Probe.Tcp.of("probe", Ipv4Address.parse("10.0.1.2"), 80));
                assertEquals(Outcome.REACHED, o.outcome(), o::toString);
                details.add(o.detail());
            }
            assertTrue(details.getFirst().contains("load-balanced by IPVS (simulated): service web VIP 10.0.1.2 in probe -> 10.0.1.3"),
                    details.getFirst());
            assertTrue(details.get(1).contains("-> 10.0.1.4"), "round robin: " + details);
            assertTrue(details.get(2).contains("-> 10.0.1.3"), "round robin: " + details);
        }
    }

    @Test
    void theRoutingMeshAnswersOnANodeAndItsSandboxBalances() {
        try (Lab lab = start(lower())) {
            Observation o = lab.probe(Probe.Tcp.of("client", Ipv4Address.parse("192.168.50.12"), 8080));
            assertEquals(Outcome.REACHED, o.outcome(), o::toString);
            assertTrue(o.detail().contains("service web port 8080/tcp in node2.ingress_sbox"), o.detail());
            Observation ping = lab.probe(Probe.Ping.of("probe", Ipv4Address.parse("10.0.1.2")));
            assertEquals(Outcome.REACHED, ping.outcome(), "the VIP answers ping (libnetwork's DNAT to 127.0.0.1): " + ping);
        }
    }
}
