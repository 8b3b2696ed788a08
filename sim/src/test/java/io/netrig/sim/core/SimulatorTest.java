package io.netrig.sim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {
    @Test
    void eventsAtEqualTimeRunInSchedulingOrder() {
        Simulator sim = new Simulator(1);
        List<String> ran = new ArrayList<>();
        sim.schedule(5, "b", () -> ran.add("b"));
        sim.schedule(5, "c", () -> ran.add("c"));
        sim.schedule(1, "a", () -> ran.add("a"));
        sim.schedule(5, "d", () -> ran.add("d"));
        sim.runUntil(10);
        assertEquals(List.of("a", "b", "c", "d"), ran);
    }

    @Test
    void negativeDelayIsRefused() {
        Simulator sim = new Simulator(1);
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(-1, "past", () -> { }));
    }

    @Test
    void cancelledEventIsSkipped() {
        Simulator sim = new Simulator(1);
        List<String> ran = new ArrayList<>();
        ScheduledEvent doomed = sim.schedule(2, "doomed", () -> ran.add("doomed"));
        sim.schedule(3, "kept", () -> ran.add("kept"));
        doomed.cancel();
        sim.runUntil(10);
        assertEquals(List.of("kept"), ran);
    }

    @Test
    void clockNeverGoesBackwardsAndEndsAtTheRequestedTime() {
        Simulator sim = new Simulator(1);
        List<Long> times = new ArrayList<>();
        sim.schedule(7, "x", () -> {
            times.add(sim.now());
            sim.schedule(0, "same instant", () -> times.add(sim.now()));
        });
        sim.runUntil(100);
        sim.runUntil(50);
        assertEquals(List.of(7L, 7L), times);
        assertEquals(100, sim.now());
    }

    @Test
    void eventsAfterTheHorizonWaitForTheNextRun() {
        Simulator sim = new Simulator(1);
        List<String> ran = new ArrayList<>();
        sim.schedule(20, "later", () -> ran.add("later"));
        sim.runUntil(10);
        assertEquals(List.of(), ran);
        sim.runUntil(20);
        assertEquals(List.of("later"), ran);
    }

    @Test
    void sameSeedGivesSameRandomNumbers() {
        assertEquals(new Simulator(42).random().nextLong(), new Simulator(42).random().nextLong());
    }
}
