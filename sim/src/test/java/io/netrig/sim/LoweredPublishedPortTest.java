package io.netrig.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netrig.model.backend.Lab;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.lower.Lowering;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * A published port as the model lowers {@code docker run -p 8080:80} for Docker 20.10, run in the simulator: the rules,
 * the docker-proxy and the listener come from the lowering, not from a hand-written lab.
 */
class LoweredPublishedPortTest extends SimLabTestSupport {
    private static final Ipv4Address HOST = Ipv4Address.parse("10.0.0.5");
    private static final Ipv4Address LOCALHOST = Ipv4Address.parse("127.0.0.1");

    private static Topology lower(boolean userlandProxy) {
        return Lowering.lower(YamlSpecLoader.parseValidated("lab.yaml", """
                segments: {lan: {}}
                hosts:
                  host:
                    interfaces: {eth0: {segment: lan, address: 10.0.0.5/24}}
                    daemon: {userland-proxy: %s}
                  peer:
                    docker: false
                    interfaces: {eth0: {segment: lan, address: 10.0.0.9/24}}
                containers:
                  web: {ports: ["8080:80"]}
                  client: {}
                """.formatted(userlandProxy)));
    }

    private Observation tcp(Lab lab, String from, Ipv4Address to) {
        return lab.probe(Probe.Tcp.of(from, to, 8080));
    }

    @Test
    void publishedPortIsReachedFromEverywhereWithTheUserlandProxy() {
        try (Lab lab = start(lower(true))) {
            for (String from : new String[] {"peer", "client", "host"}) {
                Observation o = tcp(lab, from, HOST);
                assertEquals(Outcome.REACHED, o.outcome(), () -> from + " -> 10.0.0.5:8080: " + o);
            }
            Observation local = tcp(lab, "host", LOCALHOST);
            assertEquals(Outcome.REACHED, local.outcome(), () -> "docker-proxy on 127.0.0.1: " + local);
        }
    }

    @Test
    void publishedPortIsReachedFromEverywhereWithoutTheUserlandProxy() {
        try (Lab lab = start(lower(false))) {
            for (String from : new String[] {"peer", "client", "host"}) {
                Observation o = tcp(lab, from, HOST);
                assertEquals(Outcome.REACHED, o.outcome(), () -> from + " -> 10.0.0.5:8080: " + o);
            }
            Observation local = tcp(lab, "host", LOCALHOST);
            assertEquals(Outcome.REACHED, local.outcome(), () -> "DNAT of 127.0.0.1 with route_localnet: " + local);
            Observation self = tcp(lab, "web", HOST);
            assertEquals(Outcome.REACHED, self.outcome(), () -> "a container reaches itself through its published port: " + self);
        }
    }
}
