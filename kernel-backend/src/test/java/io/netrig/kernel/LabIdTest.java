package io.netrig.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabIdTest {
    @Test
    void isThePrefixAndFourHexDigits() {
        LabId id = LabId.random("nr", new Random(7));
        assertTrue(id.toString().matches("nr[0-9a-f]{4}"), id.toString());
    }

    @Test
    void namesNamespacesLabIdDashTopologyName() {
        LabId id = new LabId("nr", "3fa2");
        assertEquals("nr3fa2-host", id.namespace("host"));
        assertEquals(Optional.of("host"), id.topologyNamespace("nr3fa2-host"));
        assertEquals(Optional.empty(), id.topologyNamespace("nr3fa3-host"));
    }

    @Test
    void recognisesNamespacesOfItsPrefixOnly() {
        assertEquals(Optional.of(new LabId("nr", "3fa2")), LabId.ofNamespace("nr", "nr3fa2-c1"));
        assertEquals(Optional.empty(), LabId.ofNamespace("nr", "nrx3fa2-c1"), "another prefix");
        assertEquals(Optional.empty(), LabId.ofNamespace("nr", "nr3FA2-c1"), "upper-case hex is not ours");
        assertEquals(Optional.empty(), LabId.ofNamespace("nr", "nr3fa2-"), "no topology name");
        assertEquals(Optional.empty(), LabId.ofNamespace("nr", "nr3fa-c1"), "three digits");
        assertEquals(Optional.empty(), LabId.ofNamespace("nr", "docker-ns"), "not netrig's");
        assertEquals(Optional.of(new LabId("nrit", "00ff")), LabId.ofNamespace("nrit", "nrit00ff-a-b"));
    }

    @Test
    void rejectsPrefixesThatCouldNotBeCleanedSafely() {
        assertThrows(IllegalArgumentException.class, () -> new LabId("", "3fa2"));
        assertThrows(IllegalArgumentException.class, () -> new LabId("NR", "3fa2"));
        assertThrows(IllegalArgumentException.class, () -> new LabId("nr", "3fa"));
    }
}
