package io.netrig.model.render.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {
    private static List<String> sorted(String... names) {
        return Stream.of(names).sorted(NaturalOrder.INSTANCE).toList();
    }

    @Test
    void numbersInNamesCompareAsNumbersAsDockerNetworkLsSortsThem() {
        assertEquals(List.of("bridge", "host", "net2", "net10", "none"), sorted("net10", "none", "net2", "host", "bridge"));
    }

    @Test
    void fewerLeadingZerosComeFirstOnATie() {
        assertEquals(List.of("n2", "n02", "n3"), sorted("n02", "n3", "n2"));
    }

    @Test
    void aShorterTextRunSortsBeforeALongerOneAndAPrefixFirst() {
        assertEquals(List.of("ab1", "abc1"), sorted("abc1", "ab1"));
        assertEquals(List.of("front", "front-2", "front_b"), sorted("front_b", "front-2", "front"));
    }
}
