package io.netrig.kernel;

import static io.netrig.kernel.ServerTopology.tcp;
import static io.netrig.kernel.ServerTopology.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.backend.Lab;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** probeAll runs probes side by side and gives what probing one at a time gives, rules included. */
class ProbeAllIT extends KernelTestSupport {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeAllIT.class);

    @TempDir
    Path work;

    private record Timed(List<Observation> observations, long millis) {
    }

    private static Timed serial(Lab lab, List<Probe> probes) {
        long t0 = System.nanoTime();
        List<Observation> out = new ArrayList<>();
        probes.forEach(p -> out.add(lab.probe(p)));
        return new Timed(out, (System.nanoTime() - t0) / 1_000_000);
    }

    private static Timed parallel(Lab lab, List<Probe> probes) {
        long t0 = System.nanoTime();
        List<Observation> out = lab.probeAll(probes);
        return new Timed(out, (System.nanoTime() - t0) / 1_000_000);
    }

    private static void assertSame(List<Observation> serial, List<Observation> parallel) {
        assertEquals(serial.size(), parallel.size());
        for (int i = 0; i < serial.size(); i++) {
            Observation s = serial.get(i);
            Observation p = parallel.get(i);
            assertEquals(s.probe(), p.probe(), "probeAll must keep the order of the probes");
            assertTrue(s.agreesWith(p), "probe " + i + " " + s.probe().describe() + ": alone " + s.outcome() + " " + s.rule()
                    + ", in probeAll " + p.outcome() + " " + p.rule());
        }
    }

    @Test
    void probeAllGivesTheSerialOutcomesAndRulesInOrder() {
        List<Probe> probes = List.of(
                tcp(ServerTopology.SERVER, 80), tcp(ServerTopology.SERVER, 8080), tcp(ServerTopology.SERVER, 81),
                tcp(ServerTopology.SERVER, 83), tcp(ServerTopology.SERVER, 84), tcp(ServerTopology.OFF_NET, 80),
                tcp(ServerTopology.ABSENT, 80), udp(ServerTopology.SERVER, 53), udp(ServerTopology.SERVER, 5353),
                udp(ServerTopology.SERVER, 99), udp(ServerTopology.SERVER, 98), Probe.Ping.of("client", ServerTopology.SERVER),
                Probe.Ping.of("client", ServerTopology.ABSENT), tcp(ServerTopology.SERVER, 82));
        try (Lab lab = ServerTopology.start("nrpa", work)) {
            Timed alone = serial(lab, probes);
            Timed together = parallel(lab, probes);
            assertSame(alone.observations(), together.observations());
            List<Outcome> outcomes = together.observations().stream().map(Observation::outcome).toList();
            assertEquals(List.of(Outcome.REACHED, Outcome.REFUSED, Outcome.REFUSED, Outcome.DROPPED, Outcome.UNREACHABLE,
                    Outcome.NO_ROUTE, Outcome.TIMEOUT, Outcome.REACHED, Outcome.REFUSED, Outcome.REFUSED, Outcome.DROPPED,
                    Outcome.REACHED, Outcome.TIMEOUT, Outcome.REFUSED), outcomes);
            LOG.info("{} probes with drops: one at a time {} ms, probeAll {} ms (failed ones run again for their rules)",
                    probes.size(), alone.millis(), together.millis());
        }
    }

    @Test
    void probeAllWithoutDropsRunsSideBySide() {
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            probes.add(tcp(ServerTopology.SERVER, 80));
            probes.add(udp(ServerTopology.SERVER, 53));
            probes.add(tcp(ServerTopology.ABSENT, 80 + i));
            probes.add(udp(ServerTopology.ABSENT, 53 + i));
        }
        try (Lab lab = ServerTopology.start("nrpa", work)) {
            Timed alone = serial(lab, probes);
            Timed together = parallel(lab, probes);
            assertSame(alone.observations(), together.observations());
            LOG.info("{} probes, 8 of them timing out after 1 s: one at a time {} ms, probeAll {} ms ({}x)", probes.size(),
                    alone.millis(), together.millis(), String.format("%.1f", (double) alone.millis() / together.millis()));
            assertTrue(together.millis() * 3 < alone.millis(), "probeAll took " + together.millis() + " ms, one at a time "
                    + alone.millis() + " ms: the eight timeouts should overlap");
        }
    }

    @Test
    void probeAllOfPingsWithTimeoutsOverlaps() {
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            probes.add(Probe.Ping.of("client", ServerTopology.SERVER));
            probes.add(Probe.Ping.of("client", ServerTopology.ABSENT));
        }
        try (Lab lab = ServerTopology.start("nrpa", work)) {
            Timed alone = serial(lab, probes);
            Timed together = parallel(lab, probes);
            assertSame(alone.observations(), together.observations());
            LOG.info("{} pings, 8 of them timing out after 1 s: one at a time {} ms, probeAll {} ms", probes.size(),
                    alone.millis(), together.millis());
            assertTrue(together.millis() * 3 < alone.millis(), "probeAll of pings took " + together.millis() + " ms, one at a time "
                    + alone.millis() + " ms: the eight timeouts should overlap");
        }
    }
}
