package io.netrig.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.lower.Lowering;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Docker's embedded DNS as lowered: queries to 127.0.0.11:53 are DNATed in the container's nat OUTPUT to the server's
 * real port, over lo. Linux keeps the skb's conntrack entry across loopback, so the answer's source is restored to
 * port 53 and the resolver's connected socket takes it.
 */
class EmbeddedDnsDnatTest {
    @Test
    void theAnswerToADnatedLoopbackQueryComesBackFromPort53() {
        Topology t = Lowering.lower(YamlSpecLoader.parseValidated("lab.yaml", """
                networks:
                  front: {subnet: 172.20.0.0/16}
                containers:
                  web: {networks: [front], listen: [53/udp]}
                  db: {networks: [front]}
                """));
        try (SimLab lab = (SimLab) new SimBackend().start(t, LabOptions.defaults())) {
            Observation o = lab.probe(Probe.Lookup.of("web", "db"));
            assertEquals(Outcome.REACHED, o.outcome(), o.toString());
            assertEquals(List.of(Ipv4Address.parse("172.20.0.3")), o.answers());
            assertTrue(o.path().stream().anyMatch(s -> s.startsWith("nat DNAT 127.0.0.11:53 -> 127.0.0.11:")), o.path().toString());
            assertTrue(o.path().stream().anyMatch(s -> s.contains("receives 127.0.0.11:53 > 127.0.0.1:")), o.path().toString());
        }
    }
}
