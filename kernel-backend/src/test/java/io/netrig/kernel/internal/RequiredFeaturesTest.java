package io.netrig.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.kernel.DockerTopology;
import io.netrig.model.UnsupportedFeatureException;
import io.netrig.model.backend.Capabilities;
import io.netrig.model.backend.Feature;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequiredFeaturesTest {
    @Test
    void refusesATopologyNeedingAMissingFeatureNamingFeatureAndObject() {
        Capabilities noBridge = new Capabilities(EnumSet.complementOf(EnumSet.of(Feature.BRIDGE)),
                Map.of(Feature.BRIDGE, "'ip link add … type bridge' failed: Operation not supported"));
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
                () -> RequiredFeatures.check(DockerTopology.topology(), noBridge));
        assertEquals("bridge", e.feature());
        assertTrue(e.getMessage().contains("bridge host:br-1"), e.getMessage());
        assertTrue(e.getMessage().contains("Operation not supported"), e.getMessage());
    }

    @Test
    void acceptsATopologyWhoseFeaturesAreAllThere() {
        RequiredFeatures.check(DockerTopology.topology(), Capabilities.all());
    }

    @Test
    void bridgeSysctlsNeedBrNetfilter() {
        assertTrue(RequiredFeatures.of(DockerTopology.topology()).stream().anyMatch(n -> n.feature() == Feature.BR_NETFILTER));
    }
}
