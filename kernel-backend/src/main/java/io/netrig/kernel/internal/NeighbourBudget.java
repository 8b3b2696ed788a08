package io.netrig.kernel.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a lab's probes inside the machine's IPv4 neighbour table. Linux has one ARP table per kernel, shared by every
 * namespace: {@code gc_thresh3} (default 1024) bounds its non-permanent entries across the machine's own namespace,
 * every lab and every container, and exists only in the initial namespace (LAB-SAFETY 1: not ours to raise). Forced
 * garbage collection frees only entries nothing holds that were not updated in the last 5 s, and a REACHABLE, DELAY or
 * PROBE entry holds itself through its timer; so entries made by a burst of probes stay for 15-45 s, and once the
 * table is full a new neighbour cannot be made anywhere on the machine: the sender's {@code sendto} fails with ENOBUFS
 * (which a raw socket without IP_RECVERR reports as success), a target cannot answer an ARP request, dmesg says
 * "neighbour: arp_cache: neighbor table overflow!". All-pairs pings between N containers on one bridge need N(N-1)
 * entries (1560 for 40 containers).
 *
 * <p>dockerd's overlay driver raises the thresholds to 8192/49152/65536 when it starts (moby/libnetwork#1789,
 * {@code applyOStweaks}), so the Docker host a lab models never reaches this limit, and neither does the simulator.
 * This class stands in for that: before a probe starts it reads the table's size ({@code /proc/net/stat/arp_cache});
 * when it reaches {@link #highWater} it lets the probes in flight end, deletes the lab's resolved dynamic entries
 * (REACHABLE, STALE, DELAY, PROBE; never PERMANENT or NOARP ones, nor INCOMPLETE or FAILED ones, which say an ARP is
 * pending or failed), and lets probes go on: a later probe to the same neighbour resolves it again with one ARP
 * exchange, as it would after the kernel's own garbage collection. Labs that fit never see it.
 */
final class NeighbourBudget {
    private static final Logger LOG = LoggerFactory.getLogger(NeighbourBudget.class);
    static final Path STAT = Path.of("/proc/net/stat/arp_cache");
    static final Path GC_THRESH3 = Path.of("/proc/sys/net/ipv4/neigh/default/gc_thresh3");
    /** The kernel's default, used when the initial namespace's sysctl cannot be read. */
    static final int DEFAULT_GC_THRESH3 = 1024;
    /** Growth allowed past the level a flush left, when that level is already above the high-water mark. */
    static final int MIN_GAIN = 128;
    /** Entries a probe may make before its effect shows (sender, target, a router each way): used without a reading. */
    static final int ENTRIES_PER_PROBE = 4;

    /** The table's entries now, machine-wide; empty when it cannot be read (a JVM outside the initial namespace). */
    interface Table {
        OptionalInt entries();
    }

    private final Table table;
    private final int gcThresh3;
    private final int highWater;
    private final Runnable flushLab;
    /** Probes hold it shared while they run; a flush holds it exclusively, so no probe is halfway through an ARP. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private int floor;
    private int startedSinceFlush;
    private int flushes;
    private boolean warned;

    /**
     * @param gcThresh3 the machine's limit; the lab keeps a quarter of it (at least 256) free for the machine and
     *     other labs
     * @param flushLab deletes the lab's resolved dynamic neighbour entries in all its namespaces
     */
    NeighbourBudget(Table table, int gcThresh3, Runnable flushLab) {
        this.table = table;
        this.gcThresh3 = gcThresh3;
        this.highWater = Math.max(MIN_GAIN, gcThresh3 - Math.max(256, gcThresh3 / 4));
        this.flushLab = flushLab;
    }

    /** For a lab on this machine: the real table and threshold. */
    static NeighbourBudget ofMachine(Runnable flushLab) {
        return new NeighbourBudget(NeighbourBudget::readEntries, readGcThresh3(), flushLab);
    }

    int highWater() {
        return highWater;
    }

    /** How many times the lab's entries were flushed so far. */
    synchronized int flushes() {
        return flushes;
    }

    /** Runs one probe once the table has room for it. */
    <T> T run(Supplier<T> probe) {
        makeRoom();
        lock.readLock().lock();
        try {
            synchronized (this) {
                startedSinceFlush++;
            }
            return probe.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void makeRoom() {
        if (level() < trigger()) {
            return;
        }
        lock.writeLock().lock();
        try {
            int before = level();
            if (before < trigger()) {
                return; // another probe's thread flushed meanwhile
            }
            long t0 = System.nanoTime();
            flushLab.run();
            int after = table.entries().orElse(0);
            synchronized (this) {
                floor = after;
                startedSinceFlush = 0;
                flushes++;
            }
            LOG.debug("neighbour table at {} entries (high water {}): lab's dynamic entries flushed in {} ms, {} left", before,
                    highWater, (System.nanoTime() - t0) / 1_000_000, after);
            if (after >= highWater && !warned) {
                warned = true;
                LOG.warn("the machine's IPv4 neighbour table still holds {} entries after this lab's were flushed (gc_thresh3 "
                        + "{}): other namespaces use it, and probes that need a new neighbour may time out "
                        + "('neighbor table overflow' in dmesg)", after, gcThresh3);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private synchronized int trigger() {
        return Math.max(highWater, floor + MIN_GAIN);
    }

    /** The table's entries, or without a reading an estimate from the probes started since the last flush. */
    private int level() {
        OptionalInt read = table.entries();
        synchronized (this) {
            return read.isPresent() ? read.getAsInt() : floor + ENTRIES_PER_PROBE * startedSinceFlush;
        }
    }

    /** {@code entries} of the ARP table: the first column (hex) of any per-CPU line; empty if unreadable. */
    static OptionalInt readEntries() {
        try {
            return parseEntries(Files.readAllLines(STAT));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    static OptionalInt parseEntries(List<String> lines) {
        if (lines.size() < 2 || !lines.getFirst().strip().startsWith("entries")) {
            return OptionalInt.empty();
        }
        String[] first = lines.get(1).strip().split("\\s+");
        try {
            return OptionalInt.of(Integer.parseInt(first[0], 16));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    static int readGcThresh3() {
        try {
            // not Files.readString: it trusts the size procfs reports and got "1" of "1024" here (JDK 25)
            return Integer.parseInt(Files.readAllLines(GC_THRESH3).getFirst().strip());
        } catch (IOException | RuntimeException e) {
            return DEFAULT_GC_THRESH3;
        }
    }
}
