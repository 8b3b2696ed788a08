package io.netrig.sim.core;

import java.time.Duration;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The discrete-event loop of one lab: a clock in nanoseconds and a queue ordered by (time, sequence), so events
 * scheduled for the same instant run in the order they were scheduled. One instance per lab and no shared
 * state, so labs can run side by side; all randomness comes from the seeded generator, so a seed fixes a run.
 */
public final class Simulator {
    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

    private final PriorityQueue<ScheduledEvent> queue = new PriorityQueue<>();
    private final RandomGenerator random;
    /** Below this many cancelled events the queue is never swept (a sweep is a pass over the whole heap). */
    private static final int SWEEP_MIN = 4096;

    private long now;
    private long nextSequence;
    private int cancelledQueued;

    public Simulator(long seed) {
        // SplittableRandom's algorithm is specified, so a seed gives the same numbers on every JDK.
        this.random = new SplittableRandom(seed);
    }

    /** Simulated nanoseconds since the lab started. */
    public long now() {
        return now;
    }

    public RandomGenerator random() {
        return random;
    }

    public ScheduledEvent schedule(Duration delay, String what, Runnable action) {
        return schedule(delay.toNanos(), what, action);
    }

    /** Schedules {@code action} {@code delayNanos} from now; a negative delay would move the clock back and is refused. */
    public ScheduledEvent schedule(long delayNanos, String what, Runnable action) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("cannot schedule '" + what + "' " + delayNanos + " ns in the past");
        }
        ScheduledEvent event = new ScheduledEvent(Math.addExact(now, delayNanos), nextSequence++,
                Objects.requireNonNull(what, "what"), Objects.requireNonNull(action, "action"), this);
        queue.add(event);
        return event;
    }

    /** Runs every event due up to {@code time} (inclusive), then advances the clock to {@code time}. */
    public void runUntil(long time) {
        runUntil(time, () -> false);
    }

    /**
     * Runs events due up to {@code time} until {@code done} holds (checked after each event). The clock ends at
     * {@code time}, or at the time of the event after which {@code done} held.
     */
    public void runUntil(long time, BooleanSupplier done) {
        while (!queue.isEmpty() && queue.peek().time() <= time) {
            ScheduledEvent event = queue.poll();
            event.dequeued();
            if (event.isCancelled()) {
                cancelledQueued--;
                continue;
            }
            now = event.time();
            LOG.trace("t={}ns {}", now, event.what());
            event.run();
            if (done.getAsBoolean()) {
                return;
            }
        }
        now = Math.max(now, time);
    }

    /** An event still in the queue was cancelled: sweep them all out once they are most of it. */
    void cancelledInQueue() {
        cancelledQueued++;
        if (cancelledQueued >= SWEEP_MIN && cancelledQueued > queue.size() / 2) {
            queue.removeIf(e -> {
                if (e.isCancelled()) {
                    e.dequeued();
                    return true;
                }
                return false;
            });
            cancelledQueued = 0;
        }
    }

    /** Events still waiting, cancelled ones included. */
    public int pending() {
        return queue.size();
    }
}
