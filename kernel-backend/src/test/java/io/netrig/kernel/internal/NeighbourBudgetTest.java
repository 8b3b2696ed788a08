package io.netrig.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NeighbourBudgetTest {
    /** A table that grows by one entry per probe; a flush leaves {@code kept} entries (others' and permanent ones). */
    private static final class FakeTable implements NeighbourBudget.Table {
        int entries;
        int kept;
        boolean readable = true;
        final AtomicInteger flushes = new AtomicInteger();

        @Override
        public OptionalInt entries() {
            return readable ? OptionalInt.of(entries) : OptionalInt.empty();
        }

        void flush() {
            flushes.incrementAndGet();
            entries = kept;
        }
    }

    private static void probe(NeighbourBudget budget, FakeTable table) {
        budget.run(() -> table.entries++);
    }

    @Test
    void keepsAQuarterOfTheKernelsLimitFree() {
        assertEquals(768, new NeighbourBudget(OptionalInt::empty, 1024, () -> { }).highWater());
        assertEquals(49152, new NeighbourBudget(OptionalInt::empty, 65536, () -> { }).highWater());
        assertEquals(128, new NeighbourBudget(OptionalInt::empty, 256, () -> { }).highWater());
    }

    @Test
    void flushesTheLabOnlyWhenTheTableReachesHighWater() {
        FakeTable table = new FakeTable();
        NeighbourBudget budget = new NeighbourBudget(table, 1024, table::flush);
        for (int i = 0; i < 768; i++) {
            probe(budget, table);
        }
        assertEquals(0, table.flushes.get(), "767 entries and below: nothing to do");
        probe(budget, table);
        assertEquals(1, table.flushes.get());
        assertEquals(1, table.entries, "flushed to 0, then the probe made its entry");
        for (int i = 0; i < 3000; i++) {
            probe(budget, table);
        }
        assertEquals(4, table.flushes.get());
        assertEquals(4, budget.flushes());
    }

    @Test
    void whenOthersFillTheTableItStillLetsTheLabGrowBeforeFlushingAgain() {
        FakeTable table = new FakeTable();
        table.kept = 900;
        table.entries = 900;
        NeighbourBudget budget = new NeighbourBudget(table, 1024, table::flush);
        probe(budget, table);
        assertEquals(1, table.flushes.get(), "900 is above high water: the lab's entries go first");
        for (int i = 0; i < NeighbourBudget.MIN_GAIN - 1; i++) {
            probe(budget, table);
        }
        assertEquals(1, table.flushes.get(), "no flush per probe while the level is others' doing");
        probe(budget, table);
        assertEquals(2, table.flushes.get());
    }

    @Test
    void withoutAReadingItCountsProbes() {
        FakeTable table = new FakeTable();
        table.readable = false;
        NeighbourBudget budget = new NeighbourBudget(table, 1024, table::flush);
        for (int i = 0; i < 768 / NeighbourBudget.ENTRIES_PER_PROBE; i++) {
            probe(budget, table);
        }
        assertEquals(0, table.flushes.get());
        probe(budget, table);
        assertEquals(1, table.flushes.get());
    }

    @Test
    void readsTheEntriesOfProcNetStatArpCache() {
        assertEquals(OptionalInt.of(0x3fe), NeighbourBudget.parseEntries(List.of(
                "entries  allocs   destroys hash_grows lookups  hits     res_failed rcv_probes_mcast rcv_probes_ucast periodic_gc_runs forced_gc_runs unresolved_discards table_fulls",
                "000003fe 00003bf0 00003be8 00000002   00027f35 00012377 000000fb   00000000         00000000         00000000         00000922       00000000            000008e0",
                "000003fe 00003d0b 00003d0e 00000006   0002842f 000127d4 000000c1   00000000         00000000         00000340         000009c0       00000000            00000980")));
        assertEquals(OptionalInt.empty(), NeighbourBudget.parseEntries(List.of()));
        assertEquals(OptionalInt.empty(), NeighbourBudget.parseEntries(List.of("something else", "12")));
    }
}
