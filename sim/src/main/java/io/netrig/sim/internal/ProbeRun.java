package io.netrig.sim.internal;

import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.RuleRef;
import io.netrig.sim.core.ScheduledEvent;
import io.netrig.sim.core.Simulator;
import io.netrig.sim.core.Trace;
import io.netrig.sim.stack.IpStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What every probe run shares. The probe's packets carry traces that collect the rules that dropped any of them (and
 * replies and errors inherit those traces); the run lasts until its outcome is known or its deadline passes; and a
 * probe nothing answered is DROPPED, naming the first rule that dropped one of its packets, or else TIMEOUT.
 */
abstract sealed class ProbeRun permits PingRun, TcpRun, UdpRun, LookupRun {
    /**
     * How long the network keeps running once the outcome is known, within the deadline: long enough for frames
     * still on their way (a TCP client's last ACK) to arrive, far shorter than any protocol timer.
     */
    static final long SETTLE_NANOS = 1_000_000L;

    final Simulator sim;
    final IpStack stack;
    private final Probe probe;
    private final List<RuleRef> drops = new ArrayList<>();
    private final List<String> balanced = new ArrayList<>();
    private final List<ProbeTrace> traces = new ArrayList<>();
    private long start;
    private boolean expired;

    ProbeRun(Simulator sim, IpStack stack, Probe probe) {
        this.sim = sim;
        this.stack = stack;
        this.probe = probe;
    }

    /**
     * Runs the probe: {@link #begin}, then the simulator until {@link #finished} or the deadline (and a moment more
     * for frames in flight), then {@link #end}.
     */
    final Observation run() {
        start = sim.now();
        long duration = durationNanos();
        // scheduled before anything the probe causes, so at the deadline it runs first: with nc -w 1 the SYN
        // retransmission due at the same instant never leaves
        ScheduledEvent deadline = sim.schedule(duration, "deadline of " + probe.describe(), () -> expired = true);
        try {
            begin();
            if (!finished()) {
                sim.runUntil(start + duration, () -> expired || finished());
            }
            if (!expired) {
                sim.runUntil(Math.min(start + duration, sim.now() + SETTLE_NANOS), () -> expired);
            }
        } finally {
            deadline.cancel();
            end();
        }
        return observation();
    }

    /** How long the probe waits at most, from its start. */
    abstract long durationNanos();

    /** Sends what the probe sends first (and schedules the rest). */
    abstract void begin();

    /** Whether the outcome is known and the probe's own exchange is over. */
    abstract boolean finished();

    /** Cleans up when the run ends: cancel what is still scheduled, close sockets. */
    abstract void end();

    abstract Observation observation();

    /** A trace for packets of this probe; only recording traces keep their steps (the path of the observation). */
    final ProbeTrace newTrace(boolean recording) {
        ProbeTrace trace = new ProbeTrace(recording, drops, balanced);
        traces.add(trace);
        return trace;
    }

    final List<String> path() {
        return traces.isEmpty() ? List.of() : traces.getFirst().steps();
    }

    /** Records on {@code trace} that the sender has no route to the target (connect() fails, nothing is sent). */
    final void traceNoRoute(Trace trace) {
        if (trace.recording()) {
            trace.step(probe.from() + ": no route to " + probe.address().map(Object::toString).orElse(probe.label()));
        }
    }

    final Observation outcome(Outcome outcome, String detail) {
        return new Observation(probe, outcome, Optional.empty(), detail + balancedNote(), path());
    }

    /** Which load balancer chose the destination, as the observation says it (the simulator's IPVS). */
    private String balancedNote() {
        return balanced.isEmpty() ? "" : "; load-balanced by IPVS (simulated): " + String.join(", ", balanced);
    }

    /** The first rule that dropped one of the probe's packets (or their answers), if any did. */
    final Optional<RuleRef> firstDrop() {
        return drops.isEmpty() ? Optional.empty() : Optional.of(drops.getFirst());
    }

    /** DROPPED, naming the first rule that dropped one of the probe's packets (or their answers), if any did. */
    final Optional<Observation> dropped() {
        if (drops.isEmpty()) {
            return Optional.empty();
        }
        RuleRef rule = drops.getFirst();
        return Optional.of(new Observation(probe, Outcome.DROPPED, Optional.of(rule), "dropped by " + rule, path()));
    }

    /** Nothing came back: DROPPED when a rule dropped one of the probe's packets (or their answers), else TIMEOUT. */
    final Observation unanswered(String timeoutDetail) {
        return dropped().orElseGet(() -> outcome(Outcome.TIMEOUT, timeoutDetail));
    }

    /** {@code 0.052 ms}: simulated time since the start. */
    final String sinceStart(long at) {
        return String.format(Locale.ROOT, "%.3f ms", (at - start) / 1e6);
    }
}
