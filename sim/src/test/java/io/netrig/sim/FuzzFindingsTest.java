package io.netrig.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.lower.Lowering;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.Topology;
import org.junit.jupiter.api.Test;

/** Disagreements with the kernel that the differential fuzzer found, fixed in the simulator. */
class FuzzFindingsTest {
    private static SimLab start(String yaml) {
        Topology t = Lowering.lower(YamlSpecLoader.parseValidated("lab.yaml", yaml));
        return (SimLab) new SimBackend().start(t, LabOptions.defaults());
    }

    @Test
    void bridgedTrafficPassesIptablesByDefaultAsBrNetfiltersPerNamespaceDefaultIsOn() {
        // forwarding off: the lowering writes no bridge-nf-call-iptables, yet a new namespace has it at 1 (Linux >= 5.3)
        try (SimLab lab = start("""
                hosts:
                  host: {forwarding: false, daemon: {icc: false}}
                containers:
                  c2: {}
                  c3: {}
                """)) {
            Observation o = lab.probe(Probe.Ping.of("c2", Ipv4Address.parse("172.17.0.3")));
            assertEquals(Outcome.DROPPED, o.outcome(), o.toString());
            assertEquals("FORWARD", o.rule().orElseThrow().chain());
        }
    }

    @Test
    void aUdpListenerOnAllAddressesAnswersFromTheAddressItWasAskedAt() {
        // the host's second address is not the one routing picks towards the peer: the answer must still come from it
        try (SimLab lab = start("""
                segments: {lan: {}}
                hosts:
                  server:
                    docker: false
                    interfaces:
                      eth0: {segment: lan, address: 10.0.0.1/24}
                      eth1: {segment: lan, address: 10.0.0.5/24}
                    listen: [53/udp]
                  peer:
                    docker: false
                    interfaces: {eth0: {segment: lan, address: 10.0.0.9/24}}
                """)) {
            Observation o = lab.probe(Probe.Udp.of("peer", Ipv4Address.parse("10.0.0.5"), 53));
            assertEquals(Outcome.REACHED, o.outcome(), o.toString());
        }
    }
}
