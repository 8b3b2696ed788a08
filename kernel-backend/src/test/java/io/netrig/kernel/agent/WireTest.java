package io.netrig.kernel.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.RuleRef;
import io.netrig.model.firewall.TableName;
import io.netrig.model.lower.Lowering;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WireTest {
    static Topology overlay() throws IOException {
        return lower("overlay.yaml", Files.readString(Path.of("..", "lab-vagrant", "overlay.yaml")));
    }

    static Topology lower(String name, String yaml) {
        return Lowering.lower(YamlSpecLoader.parseValidated(name, yaml));
    }

    @Test
    void topologyOfTheOverlayExampleComesBackEqual() throws IOException {
        Topology t = overlay();
        String line = Wire.write(t);
        assertFalse(line.contains("\n"), "one line per message");
        assertEquals(t, Wire.read(line, Topology.class));
    }

    @Test
    void topologiesOfTheMultiHostLabsComeBackEqual() throws IOException {
        for (String name : List.of("overlay.yaml", "direct-routing.yaml")) {
            Path f = Path.of("..", "lab-vagrant", name);
            Topology t = lower(name, Files.readString(f));
            assertEquals(t, Wire.read(Wire.write(t), Topology.class), "round trip of " + f);
        }
    }

    @Test
    void observationsAndProbesComeBackEqual() {
        Probe.Ping ping = Probe.Ping.of("c1", Ipv4Address.parse("10.0.129.2"));
        Observation dropped = new Observation(ping, Outcome.DROPPED,
                Optional.of(new RuleRef("host2", TableName.FILTER, "FORWARD", 0, "-P FORWARD DROP")), "dropped", List.of());
        assertEquals(dropped, Wire.read(Wire.write(dropped), Observation.class));
        Observation lookup = Observation.resolved(Probe.Lookup.of("web", "db"), List.of(Ipv4Address.parse("10.0.1.3")), "ok");
        assertEquals(lookup, Wire.read(Wire.write(lookup), Observation.class));
    }
}
