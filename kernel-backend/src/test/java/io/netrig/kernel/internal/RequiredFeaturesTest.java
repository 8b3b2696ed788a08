package io.netrig.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.kernel.DockerTopology;
import io.netrig.kernel.MacvlanTopology;
import io.netrig.model.UnsupportedFeatureException;
import io.netrig.model.backend.Capabilities;
import io.netrig.model.backend.Feature;
import io.netrig.model.topology.Topology;
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

    @Test
    void macvlanLinksNeedMacvlanAndAreRefusedNamingTheChildAndItsParent() {
        Topology t = MacvlanTopology.topology(false);
        assertEquals(2, RequiredFeatures.of(t).stream().filter(n -> n.feature() == Feature.MACVLAN).count());
        Capabilities noMacvlan = new Capabilities(EnumSet.complementOf(EnumSet.of(Feature.MACVLAN)),
                Map.of(Feature.MACVLAN, "'ip link add … type macvlan' failed: Unknown device type"));
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, () -> RequiredFeatures.check(t, noMacvlan));
        assertEquals("macvlan", e.feature());
        assertTrue(e.getMessage().contains("macvlan node-1:eth0 on host1:ens160"), e.getMessage());
        assertTrue(e.getMessage().contains("Unknown device type"), e.getMessage());
    }
}
