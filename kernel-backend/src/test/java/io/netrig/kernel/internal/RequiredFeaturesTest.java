package io.netrig.kernel.internal;

import static io.netrig.model.topology.LinkRef.end;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.kernel.DockerTopology;
import io.netrig.kernel.MacvlanTopology;
import io.netrig.model.UnsupportedFeatureException;
import io.netrig.model.backend.Capabilities;
import io.netrig.model.backend.Feature;
import io.netrig.model.topology.Dummy;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.Ipvlan;
import io.netrig.model.topology.IpvlanMode;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import io.netrig.model.topology.Vlan;
import java.util.List;
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

    @Test
    void ipvlanVlanAndDummyLinksAreRefusedNamingTheFeatureAndTheSpecElement() {
        Topology t = Topology.builder("ipvlan-net").namespace("host1").namespace("web").namespace("sw")
                .link(new Veth(Iface.of(end("host1", "ens160")), Iface.of(end("sw", "p1")), Provenance.of("host1 on segment 'lan'")))
                .link(new Vlan(Iface.of(end("host1", "ens160.50")), end("host1", "ens160"), 50,
                        Provenance.of("network 'v50' (macvlan, parent ens160.50)")))
                .link(new Ipvlan(Iface.of(end("web", "eth0")), end("host1", "ens160"), IpvlanMode.L2,
                        Provenance.of("container 'web' endpoint on 'ipv_net'")))
                .link(new Dummy(Iface.of(end("host1", "dm-1a2b")), Provenance.of("network 'island' (ipvlan without parent)")))
                .build();
        assertEquals(List.of(Feature.VETH, Feature.VLAN, Feature.IPVLAN, Feature.DUMMY),
                RequiredFeatures.of(t).stream().map(RequiredFeatures.Need::feature).toList());
        Capabilities noIpvlan = new Capabilities(EnumSet.complementOf(EnumSet.of(Feature.IPVLAN)),
                Map.of(Feature.IPVLAN, "'ip link add capiv link cap0 type ipvlan mode l2' failed: Error: Unknown device type."));
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, () -> RequiredFeatures.check(t, noIpvlan));
        assertEquals("ipvlan", e.feature());
        assertTrue(e.getMessage().contains("ipvlan web:eth0 (mode l2) on host1:ens160 (container 'web' endpoint on 'ipv_net')"), e.getMessage());
        assertTrue(e.getMessage().contains("Unknown device type"), e.getMessage());
        Capabilities noVlan = new Capabilities(EnumSet.complementOf(EnumSet.of(Feature.VLAN)), Map.of());
        UnsupportedFeatureException v = assertThrows(UnsupportedFeatureException.class, () -> RequiredFeatures.check(t, noVlan));
        assertEquals("vlan", v.feature());
        assertTrue(v.getMessage().contains("802.1q vlan host1:ens160.50 (id 50) on host1:ens160 (network 'v50'"), v.getMessage());
        Capabilities noDummy = new Capabilities(EnumSet.complementOf(EnumSet.of(Feature.DUMMY)), Map.of());
        assertTrue(assertThrows(UnsupportedFeatureException.class, () -> RequiredFeatures.check(t, noDummy)).getMessage()
                .contains("dummy host1:dm-1a2b (network 'island' (ipvlan without parent))"));
    }
}
