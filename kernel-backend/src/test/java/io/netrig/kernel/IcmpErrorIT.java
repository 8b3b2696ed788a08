package io.netrig.kernel;

import static io.netrig.model.topology.LinkRef.end;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.backend.Backends;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.Route;
import io.netrig.model.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ICMP errors a router sends back: client 10.0.0.1 → router (10.0.0.254 | 10.0.1.254) → far 10.0.1.2. The router
 * forwards, has no route beyond its two subnets (net unreachable for 10.99.0.1), and nobody answers its ARP for
 * 10.0.1.77 (host unreachable once its neighbour resolution fails, made quick by its neigh sysctls). The router's
 * {@code ip_error} lets 5 net unreachables through at once, then one a second: this test asks for 5.
 */
class IcmpErrorIT extends KernelTestSupport {
    private static final Ipv4Address FAR = Ipv4Address.parse("10.0.1.2");
    private static final Ipv4Address ABSENT_BEHIND_ROUTER = Ipv4Address.parse("10.0.1.77");
    private static final Ipv4Address NO_NET = Ipv4Address.parse("10.99.0.1");
    /** Longer than the router's ARP attempts (3 × 100 ms), so that its host unreachable arrives in time. */
    private static final Duration WAIT = Duration.ofSeconds(2);

    @TempDir
    Path work;

    static Topology topology() {
        Provenance p = Provenance.of("icmp error test");
        return Topology.builder("icmp-errors")
                .namespace("client").namespace("router").namespace("far")
                .veth(end("client", "eth0"), end("router", "eth0"))
                .veth(end("router", "eth1"), end("far", "eth0"))
                .address(end("client", "eth0"), Ipv4Interface.parse("10.0.0.1/24"))
                .address(end("router", "eth0"), Ipv4Interface.parse("10.0.0.254/24"))
                .address(end("router", "eth1"), Ipv4Interface.parse("10.0.1.254/24"))
                .address(end("far", "eth0"), Ipv4Interface.parse("10.0.1.2/24"))
                .route(Route.via("client", Ipv4Prefix.DEFAULT, Ipv4Address.parse("10.0.0.254"), p))
                .route(Route.via("far", Ipv4Prefix.DEFAULT, Ipv4Address.parse("10.0.1.254"), p))
                .sysctl("router", "net.ipv4.ip_forward", "1")
                // no ICMP rate limit for destination unreachable; icmp_ratelimit=0 would not do: it empties the
                // per-peer tokens that ip_error() shares for its own limit, and the net unreachable after a host
                // unreachable would never be sent
                .sysctl("router", "net.ipv4.icmp_ratemask", "0")
                .sysctl("router", "net.ipv4.neigh.eth1.retrans_time_ms", "100")
                .build();
    }

    private static void assertOutcome(Outcome expected, Observation o, String why) {
        assertEquals(expected, o.outcome(), "expected " + o.probe().describe() + " to be " + expected + " (" + why + ") but: " + o);
    }

    @Test
    void udpAndPingSeeTheRoutersHostAndNetUnreachable() {
        try (Lab lab = Backends.byName("kernel").start(topology(), LabOptions.defaults().withPrefix("nrie").withWorkDir(work))) {
            assertOutcome(Outcome.REFUSED, lab.probe(new Probe.Udp("client", FAR, FAR.toString(), 9, WAIT)), "far has no listener: port unreachable");
            Observation host = lab.probe(new Probe.Udp("client", ABSENT_BEHIND_ROUTER, ABSENT_BEHIND_ROUTER.toString(), 53, WAIT));
            assertOutcome(Outcome.UNREACHABLE, host, "the router's ARP fails: ICMP host unreachable from 10.0.0.254");
            assertTrue(host.detail().contains("10.0.0.254"), "the detail names the router: " + host.detail());
            Observation net = lab.probe(new Probe.Udp("client", NO_NET, NO_NET.toString(), 53, WAIT));
            assertOutcome(Outcome.UNREACHABLE, net, "the router has no route: ICMP net unreachable");
            assertTrue(net.detail().contains("Net Unreachable"), "the detail names the ICMP code: " + net.detail());
            assertOutcome(Outcome.UNREACHABLE, lab.probe(new Probe.Ping("client", NO_NET, NO_NET.toString(), 1, WAIT)), "net unreachable");
            assertOutcome(Outcome.UNREACHABLE, lab.probe(new Probe.Ping("client", ABSENT_BEHIND_ROUTER, ABSENT_BEHIND_ROUTER.toString(), 1, WAIT)),
                    "host unreachable");
            assertOutcome(Outcome.UNREACHABLE, lab.probe(new Probe.Tcp("client", NO_NET, NO_NET.toString(), 80, WAIT)), "net unreachable");
            assertOutcome(Outcome.REACHED, lab.probe(new Probe.Ping("client", FAR, FAR.toString(), 2, WAIT)), "forwarded both ways");
            List<Observation> all = lab.probeAll(List.of(new Probe.Udp("client", NO_NET, NO_NET.toString(), 53, WAIT),
                    new Probe.Ping("client", NO_NET, NO_NET.toString(), 1, WAIT), new Probe.Ping("client", FAR, FAR.toString(), 1, WAIT)));
            assertEquals(List.of(Outcome.UNREACHABLE, Outcome.UNREACHABLE, Outcome.REACHED), all.stream().map(Observation::outcome).toList(),
                    "side by side: " + all);
            long[] us = new long[11];
            for (int i = 0; i < us.length; i++) {
                long t0 = System.nanoTime();
                assertOutcome(Outcome.REACHED, lab.probe(Probe.Ping.of("client", FAR)), "forwarded both ways");
                us[i] = (System.nanoTime() - t0) / 1_000;
            }
            java.util.Arrays.sort(us);
            org.slf4j.LoggerFactory.getLogger(IcmpErrorIT.class).info("ping through a router, no rules (no counter reads): median {} us, min {} us",
                    us[us.length / 2], us[0]);
        }
    }
}
