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

    private static final RuleRef TCP_RULE = new RuleRef("server", TableName.FILTER, "INPUT", 1, "-A INPUT -p tcp --dport 83 -j DROP");
    private static final RuleRef UDP_RULE = new RuleRef("server", TableName.FILTER, "INPUT", 2, "-A INPUT -p udp --dport 98 -j DROP");

    /** TCP probes to 83 and UDP probes to 98 are dropped by their rule; a ping times out; rules meet one protocol each. */
    private static final class ProtocolLab implements ProbeBatch.Runner {
        final List<String> windows = Collections.synchronizedList(new ArrayList<>());
        final List<Probe> runs = Collections.synchronizedList(new ArrayList<>());
        final List<RuleRef> grownInBatch;

        ProtocolLab(List<RuleRef> grownInBatch) {
            this.grownInBatch = grownInBatch;
        }

        @Override
        public Observation run(Probe probe, Supplier<Optional<RuleRef>> dropRule) {
            runs.add(probe);
            boolean dropped = probe instanceof Probe.Tcp t && t.port() == 83 || probe instanceof Probe.Udp u && u.port() == 98;
            if (!dropped) {
                return Observation.of(probe, Outcome.TIMEOUT, "no answer");
            }
            return dropRule.get().map(r -> new Observation(probe, Outcome.DROPPED, Optional.of(r), "dropped", List.of()))
                    .orElse(Observation.of(probe, Outcome.TIMEOUT, "no answer"));
        }

        @Override
        public Supplier<Optional<RuleRef>> openWindow() {
            throw new AssertionError("every window here is opened with openWindowAll");
        }

        @Override
        public Observation attributed(Probe probe) {
            windows.add("alone " + probe.describe());
            return run(probe, () -> Optional.of(probe instanceof Probe.Tcp ? TCP_RULE : UDP_RULE));
        }

        @Override
        public Supplier<List<RuleRef>> openWindowAll() {
            windows.add("window");
            // the batch window sees what the test says; a group window sees both rules grow (both probes ran)
            return windows.size() == 1 ? () -> grownInBatch : () -> List.of(TCP_RULE, UDP_RULE);
        }

        @Override
        public boolean canMeet(Probe probe, RuleRef rule) {
            return rule.equals(TCP_RULE) ? probe instanceof Probe.Tcp : probe instanceof Probe.Udp;
        }
    }

    @Test
    void probesThatCannotMeetACommonGrownRuleRunAgainTogetherEachToldOnlyOfItsOwn() {
        ProtocolLab lab = new ProtocolLab(List.of(TCP_RULE, UDP_RULE));
        Ipv4Address server = Ipv4Address.parse("10.0.0.2");
        List<Probe> probes = List.of(Probe.Tcp.of("c1", server, 83), Probe.Udp.of("c1", server, 98), Probe.Ping.of("c1", server));
        List<Observation> out = ProbeBatch.run(probes, 16, lab);
        assertEquals(List.of("window", "window"), lab.windows, "one batch window, then one shared window for the tcp and udp probe");
        assertEquals(List.of(Optional.of(TCP_RULE), Optional.of(UDP_RULE), Optional.empty()), out.stream().map(Observation::rule).toList());
        assertEquals(5, lab.runs.size(), "the ping meets neither rule and is not run again");
    }

    @Test
    void probesThatCanMeetTheSameGrownRuleRunAgainAlone() {
        ProtocolLab lab = new ProtocolLab(List.of(TCP_RULE));
        Ipv4Address server = Ipv4Address.parse("10.0.0.2");
        List<Probe> probes = List.of(Probe.Tcp.of("c1", server, 83), Probe.Tcp.of("c1", server, 84), Probe.Udp.of("c1", server, 98));
        List<Observation> out = ProbeBatch.run(probes, 16, lab);
        assertEquals(List.of("window", "alone tcp c1 -> 10.0.0.2:83", "alone tcp c1 -> 10.0.0.2:84"), lab.windows,
                "the udp probe cannot meet the only rule that grew; the two tcp probes can, so each runs alone");
        assertEquals(Outcome.DROPPED, out.getFirst().outcome());
        assertEquals(Outcome.TIMEOUT, out.get(2).outcome());
    }
}
