package io.netrig.sim.core;

/**
 * One pending action of a {@link Simulator}. Cancelling only marks it: removing from the middle of a heap
 * is costly, and the loop skips marked events when it reaches them.
 */
public final class ScheduledEvent implements Comparable<ScheduledEvent> {
    private final long time;
    private final long sequence;
    private final String what;
    private final Runnable action;
    private boolean cancelled;

    ScheduledEvent(long time, long sequence, String what, Runnable action) {
        this.time = time;
        this.sequence = sequence;
        this.what = what;
        this.action = action;
    }

    /** Simulated time in nanoseconds at which the event runs. */
    public long time() {
        return time;
    }

    public String what() {
        return what;
    }

    public void cancel() {
        cancelled = true;
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
