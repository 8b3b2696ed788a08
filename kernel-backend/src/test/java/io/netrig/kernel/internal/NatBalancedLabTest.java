package io.netrig.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.lower.Lowering;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Topology;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NatBalancedLabTest {
    /** Answers every probe; stands in for a running kernel lab. */
    private record Answering(Topology topology) implements Lab {
        @Override
        public Observation probe(Probe probe) {
            return new Observation(probe, Outcome.REACHED, Optional.empty(), "connected", List.of());
        }

        @Override
        public Capture capture(LinkRef where, CaptureFilter filter) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void update(Topology next) {
        }

        @Override
        public void close() {
        }
    }

    private static final Topology SWARM = Lowering.lower(YamlSpecLoader.parseValidated("lab.yaml", """
            segments: {underlay: {}}
            hosts:
              node1: {interfaces: {eth0: {segment: underlay, address: 192.168.50.11/24}}, swarm: manager}
            networks:
              app: {driver: overlay, attachable: true}
            services:
              web: {networks: [app], ports: ["published=8080,target=80"]}
            containers:
              probe: {host: node1, networks: [app]}
            """));

    @Test
    void probesThatMeetABalancerSayItIsNatRulesAndOthersAreUntouched() {
        Lab lab = NatBalancedLab.of(new Answering(SWARM), SWARM);
        Observation vip = lab.probe(Probe.Tcp.of("probe", Ipv4Address.parse("10.0.1.2"), 80));
        assertTrue(vip.detail().startsWith("connected; load-balanced by nat rules standing in for IPVS (no IPVS in this kernel): "
                + "service web VIP 10.0.1.2 in probe"), vip.detail());
        Observation mesh = lab.probe(Probe.Tcp.of("probe", Ipv4Address.parse("192.168.50.11"), 8080));
        assertTrue(mesh.detail().contains("service web port 8080/tcp in node1.ingress_sbox"), mesh.detail());
        assertEquals("connected", lab.probe(Probe.Tcp.of("probe", Ipv4Address.parse("192.168.50.11"), 22)).detail());
        assertEquals("connected", lab.probe(Probe.Ping.of("probe", Ipv4Address.parse("10.0.1.2"))).detail(),
                "ICMP never meets IPVS: the VIP's ping is answered by the container itself");
        Lab plain = new Answering(SWARM);
        assertSame(plain, NatBalancedLab.of(plain, LoadBalancerFree.of(SWARM)));
    }

    /** The topology without its balancers. */
    private static final class LoadBalancerFree {
        static Topology of(Topology t) {
            return io.netrig.model.topology.LoadBalancerRules.natEquivalent(t);
        }
    }
}
