package io.netrig.kernel;

import static io.netrig.kernel.ServerTopology.tcp;
import static io.netrig.kernel.ServerTopology.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.backend.Lab;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.RuleRef;
import io.netrig.model.firewall.TableName;
import io.netrig.model.net.Ipv4Address;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** TCP and UDP probes against a server namespace with listeners, REJECT and DROP rules ({@link ServerTopology}). */
class SocketProbeIT extends KernelTestSupport {
    @TempDir
    Path work;

    private static void assertOutcome(Outcome expected, Optional<Integer> rule, Observation o, String why) {
        assertEquals(expected, o.outcome(), "expected " + o.probe().describe() + " to be " + expected + " (" + why + ") but: " + o);
        assertEquals(rule, o.rule().map(RuleRef::index), "expected " + o.probe().describe() + " to name INPUT rule " + rule + ": " + o);
        o.rule().ifPresent(r -> {
            assertEquals("server", r.namespace());
            assertEquals(TableName.FILTER, r.table());
            assertEquals("INPUT", r.chain());
        });
    }

    @Test
    void tcpOutcomes() {
        try (Lab lab = ServerTopology.start("nrsk", work)) {
            assertOutcome(Outcome.REACHED, Optional.empty(), lab.probe(tcp(ServerTopology.SERVER, 80)), "a listener accepts");
            assertOutcome(Outcome.REFUSED, Optional.empty(), lab.probe(tcp(ServerTopology.SERVER, 8080)), "no listener: RST");
            assertOutcome(Outcome.REFUSED, Optional.of(1), lab.probe(tcp(ServerTopology.SERVER, 81)), "REJECT with tcp-reset");
            assertOutcome(Outcome.REFUSED, Optional.of(2), lab.probe(tcp(ServerTopology.SERVER, 82)), "REJECT with icmp-port-unreachable");
            assertOutcome(Outcome.DROPPED, Optional.of(3), lab.probe(tcp(ServerTopology.SERVER, 83)), "DROP rule");
            assertOutcome(Outcome.UNREACHABLE, Optional.of(4), lab.probe(tcp(ServerTopology.SERVER, 84)), "REJECT with icmp-host-prohibited");
            assertOutcome(Outcome.NO_ROUTE, Optional.empty(), lab.probe(tcp(ServerTopology.OFF_NET, 80)), "the client has no default route");
            assertOutcome(Outcome.TIMEOUT, Optional.empty(), lab.probe(tcp(ServerTopology.ABSENT, 80)),
                    "nobody answers ARP; Linux says EHOSTUNREACH only after about 3 s, the probe gives up after 1 s");
        }
    }

    @Test
    void udpOutcomes() {
        try (Lab lab = ServerTopology.start("nrsk", work)) {
            assertOutcome(Outcome.REACHED, Optional.empty(), lab.probe(udp(ServerTopology.SERVER, 53)), "the listener echoes");
            assertOutcome(Outcome.REFUSED, Optional.empty(), lab.probe(udp(ServerTopology.SERVER, 5353)), "no listener: port unreachable");
            assertOutcome(Outcome.REFUSED, Optional.of(5), lab.probe(udp(ServerTopology.SERVER, 99)), "REJECT with icmp-port-unreachable");
            assertOutcome(Outcome.DROPPED, Optional.of(6), lab.probe(udp(ServerTopology.SERVER, 98)), "DROP rule");
            assertOutcome(Outcome.NO_ROUTE, Optional.empty(), lab.probe(udp(ServerTopology.OFF_NET, 53)), "the client has no default route");
        }
    }

    @Test
    void aWildcardUdpListenerAnswersFromTheAddressItWasAsked() {
        try (Lab lab = ServerTopology.start("nrsk", work)) {
            // from the server itself to its own addresses: the reply's source must be the address asked, or the
            // probe's connected socket would drop it
            assertOutcome(Outcome.REACHED, Optional.empty(), lab.probe(Probe.Udp.of("server", ServerTopology.SERVER, 53)), "own address");
            assertOutcome(Outcome.REACHED, Optional.empty(), lab.probe(Probe.Udp.of("server", Ipv4Address.parse("127.0.0.1"), 53)), "loopback");
            assertOutcome(Outcome.REACHED, Optional.empty(), lab.probe(Probe.Tcp.of("server", Ipv4Address.parse("127.0.0.1"), 80)), "loopback");
        }
    }

    @Test
    void aSocketProbeCostsLittleMoreThanItsCounterReads() {
        try (Lab lab = ServerTopology.start("nrsk", work)) {
            lab.probe(tcp(ServerTopology.SERVER, 80));
            lab.probe(Probe.Ping.of("client", ServerTopology.SERVER));
            long tcp = medianMillis(() -> assertEquals(Outcome.REACHED, lab.probe(tcp(ServerTopology.SERVER, 80)).outcome()));
            long udp = medianMillis(() -> assertEquals(Outcome.REACHED, lab.probe(udp(ServerTopology.SERVER, 53)).outcome()));
            long ping = medianMillis(() -> assertEquals(Outcome.REACHED, lab.probe(Probe.Ping.of("client", ServerTopology.SERVER)).outcome()));
            long side = medianMillis(() -> lab.probeAll(java.util.List.of(tcp(ServerTopology.SERVER, 80), tcp(ServerTopology.SERVER, 80))));
            LoggerFactory.getLogger(SocketProbeIT.class).info("median of 11, REACHED, counters of 1 namespace read before and after: "
                    + "tcp {} ms ({}), udp {} ms, ping {} ms; probeAll of 2 tcp {} ms", tcp,
                    lab.probe(tcp(ServerTopology.SERVER, 80)).detail(), udp, ping, side);
            assertTrue(tcp < 500, "a connect to a listener took " + tcp + " ms");
        }
    }

    private static long medianMillis(Runnable probe) {
        long[] ms = new long[11];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            probe.run();
            ms[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        java.util.Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
