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
import java.util.concurrent.Semaphore;
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
 * <li>otherwise every probe whose outcome can involve a rule (all but REACHED and NO_ROUTE) runs again, one at a
 *     time, with its own counter window, and that observation is kept.</li>
 * </ol>
 * Observations come back in the order of the probes.
 */
final class ProbeBatch {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeBatch.class);

    /** How one lab runs a probe, and reads its counters. */
    interface Runner {
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
    }

    private ProbeBatch() {
    }

    static List<Observation> run(List<Probe> probes, int parallelism, Runner runner) {
        if (probes.size() < 2) {
            return probes.stream().map(runner::attributed).toList();
        }
        Supplier<Optional<RuleRef>> window = runner.openWindow();
        List<Observation> first = parallel(probes, parallelism, runner);
        if (window.get().isEmpty()) {
            return first;
        }
        List<Observation> out = new ArrayList<>(first);
        int again = 0;
        for (int i = 0; i < probes.size(); i++) {
            if (mayInvolveRule(first.get(i).outcome())) {
                Observation serial = runner.attributed(probes.get(i));
                if (serial.outcome() != first.get(i).outcome()) {
                    LOG.debug("{}: {} side by side, {} alone", probes.get(i).describe(), first.get(i).outcome(), serial.outcome());
                }
                out.set(i, serial);
                again++;
            }
        }
        LOG.debug("probeAll: {} probes side by side; a drop counter grew, so {} ran again one at a time", probes.size(), again);
        return List.copyOf(out);
    }

    static boolean mayInvolveRule(Outcome outcome) {
        return switch (outcome) {
            case REACHED, NO_ROUTE, NOT_FOUND -> false;
            case DROPPED, UNREACHABLE, REFUSED, TIMEOUT -> true;
        };
    }

    private static List<Observation> parallel(List<Probe> probes, int parallelism, Runner runner) {
        Semaphore slots = new Semaphore(parallelism);
        List<Future<Observation>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Probe p : probes) {
                futures.add(pool.submit(() -> {
                    slots.acquire();
                    try {
                        return runner.run(p, Optional::empty);
                    } finally {
                        slots.release();
                    }
                }));
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
