package io.netrig.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.backend.Lab;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Linux's ICMP error rate limits seen from probes, on lan (192.168.1.2) — fw (192.168.1.1, forwarding, no default
 * route) — wan. The sequences are the ones Linux 6.18 gives for the same probes run one after another (each probe
 * that is not answered waits its one-second deadline, which refills one token).
 */
class IcmpRateLimitLabTest extends SimLabTestSupport {
    private List<Outcome> outcomes(Lab lab, List<? extends Probe> probes) {
        List<Outcome> out = new ArrayList<>();
        for (Probe p : probes) {
            out.add(lab.probe(p).outcome());
        }
        return out;
    }

    @Test
    void aRouterAnswersOnlyTwoOfABurstOfUnroutablePings() {
        try (Lab lab = start(Labs.firewall(true))) {
            List<Probe.Ping> pings = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                pings.add(ping("lan", "198.51.100." + i));
            }
            assertEquals(List.of(Outcome.UNREACHABLE, Outcome.UNREACHABLE, Outcome.TIMEOUT, Outcome.TIMEOUT, Outcome.TIMEOUT),
                    outcomes(lab, pings), "ip_error and icmp_send share lan's peer tokens on fw");
            Observation third = lab.probe(ping("lan", "198.51.100.9"));
            assertTrue(third.path().stream().anyMatch(s -> s.contains("rate-limited")), () -> "the path says why: " + third.path());
        }
    }

    @Test
    void theLimitIsPerSender() {
        try (Lab lab = start(Labs.firewall(true))) {
            for (int i = 1; i <= 3; i++) {
                lab.probe(ping("lan", "198.51.100." + i));
            }
            // wan has no default route of its own; from fw's side only lan's bucket is spent
            SimLab sim = (SimLab) lab;
            var fw = sim.network().stack("fw").icmpLimit();
            assertTrue(fw.routeErrorAllowed(Ipv4Address.parse("203.0.113.2")), "another sender has a full bucket");
        }
    }

    @Test
    void closedUdpPortsGetSixPortUnreachablesInABurstThenOneASecond() {
        try (Lab lab = start(Labs.firewall(true))) {
            List<Probe.Udp> probes = new ArrayList<>();
            for (int port = 1000; port < 1008; port++) {
                probes.add(Probe.Udp.of("lan", Ipv4Address.parse("192.168.1.1"), port));
            }
            List<Outcome> refused6 = new ArrayList<>(java.util.Collections.nCopies(6, Outcome.REFUSED));
            refused6.add(Outcome.TIMEOUT);   // the seventh finds no token; its one-second wait refills one
            refused6.add(Outcome.REFUSED);
            assertEquals(refused6, outcomes(lab, probes));
        }
    }

    @Test
    void errorsAboutLoopbackTrafficAreNeverLimited() {
        try (Lab lab = start(Labs.firewall(true))) {
            for (int port = 1000; port < 1030; port++) {
                Observation o = lab.probe(Probe.Udp.of("fw", Ipv4Address.parse("192.168.1.1"), port));
                assertEquals(Outcome.REFUSED, o.outcome(), () -> "port unreachable over lo: " + o);
            }
        }
    }

    @Test
    void aRaisedIcmpRatelimitSysctlIsHonoured() {
        Topology t = Labs.withSysctl(Labs.firewall(true), "fw", "net.ipv4.icmp_ratelimit", "0");
        try (Lab lab = start(t)) {
            for (int port = 1000; port < 1020; port++) {
                Observation o = lab.probe(Probe.Udp.of("lan", Ipv4Address.parse("192.168.1.1"), port));
                assertEquals(Outcome.REFUSED, o.outcome(), () -> "icmp_ratelimit=0: " + o);
            }
        }
    }
}
