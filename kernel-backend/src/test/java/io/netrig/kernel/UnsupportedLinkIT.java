package io.netrig.kernel;

import static io.netrig.model.topology.LinkRef.end;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.kernel.internal.ResolverFiles;
import io.netrig.kernel.internal.StateStore;
import io.netrig.model.UnsupportedFeatureException;
import io.netrig.model.backend.Backends;
import io.netrig.model.backend.Feature;
import io.netrig.model.backend.LabBackend;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.Ipvlan;
import io.netrig.model.topology.IpvlanMode;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import io.netrig.model.topology.Vlan;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.kernel.exec.IpQuery;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a kernel without ipvlan or 802.1q vlan, a lab needing them is refused before anything is made. */
class UnsupportedLinkIT extends KernelTestSupport {
    @TempDir
    Path work;

    private static Topology ipvlan() {
        return Topology.builder("ipvlan-l2").namespace("host1").namespace("sw").namespace("web")
                .link(new Veth(Iface.of(end("host1", "ens160")), Iface.of(end("sw", "p1")), Provenance.of("host1 on segment 'lan'")))
                .link(new Ipvlan(Iface.of(end("web", "eth0")), end("host1", "ens160"), IpvlanMode.L2,
                        Provenance.of("lab.yaml:12:5: container 'web' endpoint on 'ipv_net' (ipvlan, parent ens160)")))
                .address(end("web", "eth0"), Ipv4Interface.parse("10.3.1.150/24"))
                .build();
    }

    private static Topology vlan() {
        return Topology.builder("vlan-50").namespace("host1").namespace("sw")
                .link(new Veth(Iface.of(end("host1", "ens160")), Iface.of(end("sw", "p1")), Provenance.of("host1 on segment 'lan'")))
                .link(new Vlan(Iface.of(end("host1", "ens160.50")), end("host1", "ens160"), 50,
                        Provenance.of("lab.yaml:20:5: network 'v50' (macvlan, parent ens160.50)")))
                .build();
    }

    private void assertRefused(Feature feature, Supplier<Topology> topology, String object) {
        LabBackend kernel = Backends.byName("kernel");
        Assumptions.assumeFalse(kernel.capabilities().has(feature), "this kernel has " + feature + ": nothing to refuse");
        int namespacesBefore = IpQuery.namespaceNames(exec.run(IpQuery.netnsList()).stdout()).size();
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
                () -> kernel.start(topology.get(), LabOptions.defaults().withPrefix("nrunsup").withWorkDir(work)));
        assertEquals(feature.name().toLowerCase(java.util.Locale.ROOT), e.feature());
        assertTrue(e.getMessage().contains(object), e.getMessage());
        assertTrue(e.getMessage().contains("is missing here (") && e.getMessage().contains("the simulator can still run this lab"), e.getMessage());
        assertEquals(namespacesBefore, IpQuery.namespaceNames(exec.run(IpQuery.netnsList()).stdout()).size(), "a refused lab made namespaces");
        assertFalse(new StateStore(StateStore.DEFAULT_DIR).labIds().stream().anyMatch(id -> id.startsWith("nrunsup")), "a refused lab wrote state");
        assertTrue(new ResolverFiles(ResolverFiles.DEFAULT_DIR).namespaces(n -> n.startsWith("nrunsup")).isEmpty(), "a refused lab wrote resolver files");
    }

    @Test
    void anIpvlanLabIsRefusedNamingTheFeatureAndTheSpecElement() {
        assertRefused(Feature.IPVLAN, UnsupportedLinkIT::ipvlan,
                "ipvlan web:eth0 (mode l2) on host1:ens160 (lab.yaml:12:5: container 'web' endpoint on 'ipv_net' (ipvlan, parent ens160))");
    }

    @Test
    void aVlanLabIsRefusedNamingTheFeatureAndTheSpecElement() {
        assertRefused(Feature.VLAN, UnsupportedLinkIT::vlan, "802.1q vlan host1:ens160.50 (id 50) on host1:ens160 (lab.yaml:20:5: network 'v50'");
    }
}
