package io.netrig.model.render.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NetworkLsTest {
    static DockerNetwork network(String idPrefix, String name, String driver) {
        return new DockerNetwork(idPrefix + "0".repeat(64 - idPrefix.length()), name, "2020-12-08T00:00:00Z", driver, false,
                Optional.empty(), List.of(), List.of(), Map.of());
    }

    @Test
    void printsDockersTableWithGoTabwriterPadding() {
        String out = NetworkLs.render(List.of(network("7fca4eb8c647", "bridge", "bridge"), network("9f904ee27bf5", "host", "host"),
                network("cf03ee007fb4", "none", "null")));
        assertEquals("""
                NETWORK ID     NAME      DRIVER    SCOPE
                7fca4eb8c647   bridge    bridge    local
                9f904ee27bf5   host      host      local
                cf03ee007fb4   none      null      local
                """, out, "columns are max(10, widest cell + 3) wide; the last column is not padded");
    }

    @Test
    void aLongNameWidensItsColumn() {
        String out = NetworkLs.render(List.of(network("0123456789ab", "frontend-network", "macvlan")));
        assertEquals("""
                NETWORK ID     NAME               DRIVER    SCOPE
                0123456789ab   frontend-network   macvlan   local
                """, out);
    }
}
