package io.netrig.sim.core;

/**
 * One pending action of a {@link Simulator}. Cancelling only marks it: removing from the middle of a heap
 * is costly, and the loop skips marked events when it reaches them; the simulator sweeps them out in one pass when
 * they make up most of its queue (a probe's answered timeout stays cancelled for a whole simulated second).
 */
public final class ScheduledEvent implements Comparable<ScheduledEvent> {
    private final long time;
    private final long sequence;
    private final String what;
    private final Runnable action;
    private final Simulator owner;
    private boolean cancelled;
    private boolean queued = true;

    ScheduledEvent(long time, long sequence, String what, Runnable action, Simulator owner) {
        this.time = time;
        this.sequence = sequence;
        this.what = what;
        this.action = action;
        this.owner = owner;
    }

    /** Simulated time in nanoseconds at which the event runs. */
    public long time() {
        return time;
    }

    public String what() {
        return what;
    }

    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            if (queued) {
                owner.cancelledInQueue();
            }
        }
    }

    /** The simulator took it off its queue (to run it, or to drop it as cancelled). */
    void dequeued() {
        queued = false;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    void run() {
        action.run();
    }

    @Override
    public int compareTo(ScheduledEvent o) {
        int c = Long.compare(time, o.time);
        return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
}
