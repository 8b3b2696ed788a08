package io.netrig.kernel.internal;

import io.netrig.model.NetrigException;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.RuleRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code probeAll}: probes side by side, at most {@code parallelism} at a time, with the drop attribution of serial
 * probes. A rule is named by the counter that grew while a probe ran, which is exact only if no other probe ran
 * meanwhile; so:
 * <ol>
 * <li>all probes run in parallel without attribution, and the counters are read once before and once after;</li>
 * <li>if no DROP or REJECT counter (or DROP policy) grew in that window, no probe met such a rule, and the results
 *     are what serial probes would have given;</li>
 * <li>otherwise every probe whose outcome can involve a rule (all but REACHED and NO_ROUTE) and that can meet one
 *     of the rules that grew ({@link Runner#canMeet}: a TCP-only rule never sees a ping) runs again with its own
 *     counter window, and that observation is kept. Probes that cannot meet a common grown rule share a window (a
 *     TCP and a UDP probe when only TCP-only and UDP-only rules grew): each is told only of grown rules it can meet,
 *     which only it can have moved; the others run one at a time.</li>
 * </ol>
 * Observations come back in the order of the probes. Probes run on platform threads: they wait in {@code poll(2)}
 * through the FFM API, which would hold a virtual thread's carrier (2 on a 2-CPU machine) for the whole wait.
 */
public final class ProbeBatch {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeBatch.class);

    /** How one lab runs a probe, and reads its counters. */
    public interface Runner {
        /** Runs the probe; {@code dropRule} is what the verdict asks when a rule may be involved. */
        Observation run(Probe probe, Supplier<Optional<RuleRef>> dropRule);

        /**
         * Reads every counter now; the supplier, asked later, names a DROP or REJECT rule (or DROP policy) whose
         * counter grew since.
         */
        Supplier<Optional<RuleRef>> openWindow();

        /** Runs the probe with its own counter window (the caller guarantees no other probe runs meanwhile). */
        default Observation attributed(Probe probe) {
            return run(probe, openWindow());
        }

        /** Like {@link #openWindow()}, naming every rule whose counter grew since, in rule order. */
        default Supplier<List<RuleRef>> openWindowAll() {
            Supplier<Optional<RuleRef>> window = openWindow();
            return () -> window.get().stream().toList();
        }

        /** Whether the probe's packets can meet the rule at all; {@code true} when in doubt. */
        default boolean canMeet(Probe probe, RuleRef rule) {
            return true;
        }
    }

    private ProbeBatch() {
    }

    public static List<Observation> run(List<Probe> probes, int parallelism, Runner runner) {
        if (probes.size() < 2) {
            return probes.stream().map(runner::attributed).toList();
        }
        Supplier<List<RuleRef>> window = runner.openWindowAll();
        List<Observation> first = parallel(probes, parallelism, i -> runner.run(probes.get(i), Optional::empty));
        List<RuleRef> grown = window.get();
        if (grown.isEmpty()) {
            return first;
        }
        List<Observation> out = new ArrayList<>(first);
        List<Integer> again = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            Probe p = probes.get(i);
            if (mayInvolveRule(first.get(i).outcome()) && grown.stream().anyMatch(r -> runner.canMeet(p, r))) {
                again.add(i);
            }
        }
        List<List<Integer>> groups = groups(again, probes, grown, runner);
        for (List<Integer> group : groups) {
            List<Observation> rerun;
            if (group.size() == 1) {
                rerun = List.of(runner.attributed(probes.get(group.getFirst())));
            } else {
                Supplier<List<RuleRef>> shared = runner.openWindowAll();
                rerun = parallel(group.stream().map(probes::get).toList(), parallelism, k -> {
                    Probe p = probes.get(group.get(k));
                    return runner.run(p, () -> shared.get().stream().filter(r -> runner.canMeet(p, r)).findFirst());
                });
            }
            for (int k = 0; k < group.size(); k++) {
                int i = group.get(k);
                if (rerun.get(k).outcome() != first.get(i).outcome()) {
                    LOG.debug("{}: {} side by side, {} alone", probes.get(i).describe(), first.get(i).outcome(), rerun.get(k).outcome());
                }
                out.set(i, rerun.get(k));
            }
        }
        LOG.debug("probeAll: {} probes side by side; rules {} grew, so {} ran again in {} windows", probes.size(), grown,
                again.size(), groups.size());
        return List.copyOf(out);
    }

    /**
     * Puts probes in one group only when no grown rule can meet two of them: then a counter that grows in the group's
     * window names the one probe that can have moved it. Greedy, in input order.
     */
    static List<List<Integer>> groups(List<Integer> indexes, List<Probe> probes, List<RuleRef> grown, Runner runner) {
        List<List<Integer>> groups = new ArrayList<>();
        for (int i : indexes) {
            Probe p = probes.get(i);
            List<Integer> home = null;
            for (List<Integer> g : groups) {
                boolean apart = g.stream().noneMatch(j -> grown.stream().anyMatch(r -> runner.canMeet(p, r) && runner.canMeet(probes.get(j), r)));
                if (apart) {
                    home = g;
                    break;
                }
            }
            if (home == null) {
                home = new ArrayList<>();
                groups.add(home);
            }
            home.add(i);
        }
        return groups;
    }

    static boolean mayInvolveRule(Outcome outcome) {
        return switch (outcome) {
            case REACHED, NO_ROUTE, NOT_FOUND -> false;
            case DROPPED, UNREACHABLE, REFUSED, TIMEOUT -> true;
        };
    }

    private static List<Observation> parallel(List<Probe> probes, int parallelism, IntFunction<Observation> probe) {
        List<Future<Observation>> futures = new ArrayList<>();
        ThreadFactory factory = Thread.ofPlatform().name("probe-", 0).daemon(true).factory();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, probes.size()), factory)) {
            for (int i = 0; i < probes.size(); i++) {
                int k = i;
                futures.add(pool.submit(() -> probe.apply(k)));
            }
        }
        List<Observation> out = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                out.add(futures.get(i).get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new NetrigException(probes.get(i).describe() + " failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetrigException("interrupted while probing", e);
            }
        }
        return List.copyOf(out);
    }
}
