package io.netrig.scenarios.fuzz;

import io.netrig.model.NetrigException;
import io.netrig.model.backend.Outcome;
import io.netrig.model.spec.ProbeSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Shrinks a lab on which the backends disagree, by delta debugging with single cuts: first to the probes they disagree
 * on, then any part of the spec (a host, network, container, interface, route, command, port, option, at any depth,
 * larger parts first) is cut while the spec stays valid and some probe still disagrees, then probes are dropped down to
 * the fewest that still show it. Bounded by a time budget: what was reached by then is the result.
 */
final class Minimiser {
    private final DifferentialRun runner;
    private final Duration budget;
    private int trials;

    Minimiser(DifferentialRun runner, Duration budget) {
        this.runner = runner;
        this.budget = budget;
    }

    /** How many candidate labs were run on the backends. */
    int trials() {
        return trials;
    }

    /**
     * The smallest lab found that still disagrees, and its run; empty if the disagreement did not come back when the
     * disagreeing probes ran without the others (for an ICMP error against silence: each alone on a fresh lab).
     */
    Optional<DifferentialRun.Result> minimise(DifferentialRun.Result found) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<ProbeSpec> disagreeing = found.disagreements().stream().map(i -> found.lab().probes().get(i)).toList();
        Optional<DifferentialRun.Result> best = attempt(found.lab().withProbes(disagreeing));
        if (best.isPresent() && answeredOrSilent(best.get()) && eachAgreesAlone(best.get())) {
            // Linux limits the ICMP errors a namespace sends per destination (two net unreachables for a burst of
            // unroutable packets from one sender): which probes of a burst get them depends on the order in which
            // they reach the router, which differs between the kernel's parallel probes and the simulator's serial ones
            return Optional.empty();
        }
        if (best.isEmpty() || budget.isZero()) {
            return best;
        }
        boolean changed = true;
        while (changed && System.nanoTime() < deadline) {
            changed = false;
            for (SpecTree.Path part : best.get().lab().spec().parts()) {
                if (System.nanoTime() >= deadline) {
                    break;
                }
                if (part.steps().equals(List.of(new SpecTree.Key("name")))) {
                    continue;
                }
                Optional<DifferentialRun.Result> smaller = attempt(best.get().lab().withSpec(best.get().lab().spec().without(part)));
                if (smaller.isPresent()) {
                    best = smaller;
                    changed = true;
                    break;   // the parts list changed: start a new pass from the top
                }
            }
        }
        DifferentialRun.Result current = best.get();
        for (int i = current.lab().probes().size() - 1; i >= 0 && current.lab().probes().size() > 1 && System.nanoTime() < deadline; i--) {
            List<ProbeSpec> fewer = new ArrayList<>(current.lab().probes());
            fewer.remove(i);
            Optional<DifferentialRun.Result> r = attempt(current.lab().withProbes(fewer));
            if (r.isPresent()) {
                current = r.get();
            }
        }
        // keep only the disagreeing probes of the final lab
        DifferentialRun.Result last = current;
        List<ProbeSpec> still = last.disagreements().stream().map(i -> last.lab().probes().get(i)).toList();
        return still.size() == last.lab().probes().size() ? Optional.of(last) : attempt(last.lab().withProbes(still)).or(() -> Optional.of(last));
    }

    /**
     * Whether every disagreement is an ICMP error on one side and silence on the other (UNREACHABLE or REFUSED against
     * TIMEOUT): what a rate-limited error looks like.
     */
    private static boolean answeredOrSilent(DifferentialRun.Result r) {
        return r.disagreements().stream().allMatch(i -> {
            Outcome sim = r.sim().get(i).outcome();
            Outcome kernel = r.kernel().get(i).outcome();
            return sim == Outcome.TIMEOUT && errorAnswer(kernel) || kernel == Outcome.TIMEOUT && errorAnswer(sim);
        });
    }

    private static boolean errorAnswer(Outcome o) {
        return o == Outcome.UNREACHABLE || o == Outcome.REFUSED;
    }

    /** Whether each disagreeing probe, run alone on a fresh lab (fresh rate-limit buckets), gives the same on both. */
    private boolean eachAgreesAlone(DifferentialRun.Result r) {
        for (int i : r.disagreements()) {
            FuzzLab alone = r.lab().withProbes(List.of(r.lab().probes().get(i)));
            trials++;
            try {
                if (!runner.run(alone).disagreements().isEmpty()) {
                    return false;
                }
            } catch (NetrigException cannotRun) {
                return false;
            }
        }
        return true;
    }

    /** The candidate's run when it is a valid lab whose probes resolve and the backends still disagree on one. */
    private Optional<DifferentialRun.Result> attempt(FuzzLab candidate) {
        try {
            LabGenerator.lower(candidate.yaml(), candidate.name() + ".yaml");
        } catch (NetrigException invalid) {
            return Optional.empty();
        }
        trials++;
        try {
            DifferentialRun.Result r = runner.run(candidate);
            return r.disagreements().isEmpty() ? Optional.empty() : Optional.of(r);
        } catch (NetrigException cannotRun) {
            // a probe naming a cut part, or a backend refusing the cut lab: not a smaller repro of this disagreement
            return Optional.empty();
        }
    }
}
