package io.netrig.model.spec.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    @Test
    void countsSwappedLettersAsOneEdit() {
        assertEquals(1, Suggestions.distance("subent", "subnet"));
        assertEquals(0, Suggestions.distance("ip", "ip"));
        assertEquals(4, Suggestions.distance("tcp", "ping"));
    }

    @Test
    void suggestsOnlyCloseSpellings() {
        List<String> keys = List.of("driver", "subnet", "gateway", "ip_range");
        assertEquals(Optional.of("subnet"), Suggestions.closest("subent", keys));
        assertEquals(Optional.of("ip_range"), Suggestions.closest("ip-range", keys));
        assertEquals(Optional.of("gateway"), Suggestions.closest("Gatway", keys));
        assertEquals(Optional.empty(), Suggestions.closest("vlan", keys));
        assertEquals(Optional.empty(), Suggestions.closest("to", List.of("ip")), "two-letter keys need one edit");
    }
}
