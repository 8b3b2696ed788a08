package io.netrig.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.RuleRef;
import io.netrig.model.firewall.TableName;
import io.netrig.model.net.Ipv4Address;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ProbeBatchTest {
    private static final RuleRef RULE = new RuleRef("host", TableName.FILTER, "FORWARD", 6, "-A FORWARD -i br-1 -o br-1 -j DROP");

    /** A lab whose probe to port P has outcome OUTCOMES[P % n], dropped by RULE when it is DROPPED alone. */
    private static final class FakeLab implements ProbeBatch.Runner {
        final Map<Integer, Outcome> byPort;
        final boolean countersGrow;
        final List<Integer> attributedPorts = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch allStarted = new CountDownLatch(0);

        FakeLab(Map<Integer, Outcome> byPort, boolean countersGrow) {
            this.byPort = byPort;
            this.countersGrow = countersGrow;
        }

        @Override
        public Observation run(Probe probe, Supplier<Optional<RuleRef>> dropRule) {
            int now = running.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                allStarted.countDown();
                allStarted.await(200, TimeUnit.MILLISECONDS);
                Outcome o = byPort.get(((Probe.Tcp) probe).port());
                if (o == Outcome.DROPPED) {
                    return dropRule.get().map(r -> new Observation(probe, Outcome.DROPPED, Optional.of(r), "dropped", List.of()))
                            .orElse(Observation.of(probe, Outcome.TIMEOUT, "no answer"));
                }
                return Observation.of(probe, o, o.name());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
        }

        @Override
        public Observation attributed(Probe probe) {
            attributedPorts.add(((Probe.Tcp) probe).port());
            return run(probe, () -> Optional.of(RULE));
        }

        @Override
        public Supplier<Optional<RuleRef>> openWindow() {
            return () -> countersGrow ? Optional.of(RULE) : Optional.empty();
        }
    }

    private static List<Probe> probes(int... ports) {
        List<Probe> out = new ArrayList<>();
        for (int p : ports) {
            out.add(Probe.Tcp.of("c1", Ipv4Address.parse("10.0.0.2"), p));
        }
        return out;
    }

    @Test
    void withoutAGrownDropCounterTheParallelResultsStandInOrder() {
        FakeLab lab = new FakeLab(Map.of(1, Outcome.REACHED, 2, Outcome.REFUSED, 3, Outcome.TIMEOUT), false);
        List<Observation> out = ProbeBatch.run(probes(3, 1, 2, 1), 16, lab);
        assertEquals(List.of(Outcome.TIMEOUT, Outcome.REACHED, Outcome.REFUSED, Outcome.REACHED), out.stream().map(Observation::outcome).toList());
        assertEquals(List.of(3, 1, 2, 1), out.stream().map(o -> ((Probe.Tcp) o.probe()).port()).toList());
        assertEquals(List.of(), lab.attributedPorts, "nothing to attribute when no drop counter grew");
    }

    @Test
    void aGrownDropCounterMakesEveryProbeThatMayInvolveARuleRunAgainAlone() {
        FakeLab lab = new FakeLab(Map.of(1, Outcome.REACHED, 2, Outcome.REFUSED, 3, Outcome.DROPPED, 4, Outcome.NO_ROUTE), true);
        List<Observation> out = ProbeBatch.run(probes(1, 2, 3, 4), 16, lab);
        assertEquals(List.of(2, 3), lab.attributedPorts, "REACHED and NO_ROUTE never name a rule; the others run again");
        assertEquals(Outcome.DROPPED, out.get(2).outcome());
        assertEquals(Optional.of(RULE), out.get(2).rule());
    }

    @Test
    void probesRunSideBySideButNoMoreThanTheBound() {
        FakeLab lab = new FakeLab(Map.of(1, Outcome.REACHED), false);
        lab.allStarted = new CountDownLatch(4);
        ProbeBatch.run(probes(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), 4, lab);
        assertEquals(4, lab.mostAtOnce.get(), "at most 4 probes at a time, and 4 did overlap");
    }

    @Test
    void aSingleProbeIsSimplyAttributed() {
        FakeLab lab = new FakeLab(Map.of(3, Outcome.DROPPED), true);
        List<Observation> out = ProbeBatch.run(probes(3), 16, lab);
        assertEquals(List.of(3), lab.attributedPorts);
        assertTrue(out.getFirst().rule().isPresent());
    }
}
