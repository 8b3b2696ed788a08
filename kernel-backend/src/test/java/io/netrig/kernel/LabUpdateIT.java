package io.netrig.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.kernel.exec.IpQuery;
import io.netrig.kernel.internal.KernelLab;
import io.netrig.kernel.internal.LabState;
import io.netrig.kernel.internal.ResolverFiles;
import io.netrig.kernel.internal.StateStore;
import io.netrig.kernel.netns.NamespaceThreads;
import io.netrig.model.backend.Backends;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.net.Ipv4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code docker network connect front c1} and back, on a running lab ({@link TwoNetworksTopology}): c1 gets a second
 * interface (a veth into a second bridge), its default route moves to the new gateway, a container c3 appears, the
 * DNS server learns c3; then all of it goes again. Probes before, between and after; KernelTestSupport checks that no
 * namespace, link, resolver folder, thread or socket is left.
 */
class LabUpdateIT extends KernelTestSupport {
    private static final Ipv4Address OFF_NET = Ipv4Address.parse("10.99.0.1");

    @TempDir
    Path work;

    private Optional<Ipv4Address> gatewayOf(String kernelNs) {
        return IpQuery.nextHop(exec.run(IpQuery.routeGet(kernelNs, OFF_NET)).stdout()).map(IpQuery.NextHop::address);
    }

    private List<String> linksOf(String kernelNs) {
        return IpQuery.linkNames(exec.run(IpQuery.links(Optional.of(kernelNs))).stdout()).stream().sorted().toList();
    }

    private static void assertOutcome(Outcome expected, Observation o, String why) {
        assertEquals(expected, o.outcome(), "expected " + o.probe().describe() + " to be " + expected + " (" + why + ") but: " + o);
    }

    @Test
    void connectingAndDisconnectingASecondNetworkChangesTheRunningLab() {
        StateStore states = new StateStore(StateStore.DEFAULT_DIR);
        try (Lab lab = Backends.byName("kernel").start(TwoNetworksTopology.base(),
                LabOptions.defaults().withPrefix("nrupd").withWorkDir(work))) {
            KernelLab k = (KernelLab) lab;
            String id = k.id().toString();
            String c1 = id + "-c1";
            String c3 = id + "-c3";
            assertOutcome(Outcome.REACHED, lab.probe(Probe.Ping.of("c1", DockerTopology.GATEWAY)), "c1 is on 'back'");
            assertEquals(Optional.of(DockerTopology.GATEWAY), gatewayOf(c1));
            assertOutcome(Outcome.NOT_FOUND, lab.probe(Probe.Lookup.of("c1", "c3")), "no c3 yet");
            assertEquals(List.of("eth0", "lo"), linksOf(c1));

            long t0 = System.nanoTime();
            lab.update(TwoNetworksTopology.connected());
            long connectMs = (System.nanoTime() - t0) / 1_000_000;

            assertRootLinksUntouched("after connecting");
            assertEquals(TwoNetworksTopology.connected(), lab.topology());
            assertEquals(List.of("eth0", "eth1", "lo"), linksOf(c1), "c1 has its second interface");
            assertEquals(Optional.of(TwoNetworksTopology.FRONT_GATEWAY), gatewayOf(c1), "c1's default route moved to front's gateway");
            assertOutcome(Outcome.REACHED, lab.probe(Probe.Ping.of("c1", TwoNetworksTopology.C3)), "c1 and c3 share 'front'");
            assertOutcome(Outcome.REACHED, lab.probe(Probe.Ping.of("c3", TwoNetworksTopology.C1_FRONT)), "and back");
            assertOutcome(Outcome.REACHED, lab.probe(Probe.Ping.of("c1", DockerTopology.GATEWAY)), "'back' still works");
            Observation c3Name = lab.probe(Probe.Lookup.of("c1", "c3"));
            assertOutcome(Outcome.REACHED, c3Name, "the restarted DNS server knows c3");
            assertEquals(List.of(TwoNetworksTopology.C3), c3Name.answers());
            assertTrue(Files.isRegularFile(ResolverFiles.DEFAULT_DIR.resolve(c3).resolve("hosts")), "c3 has resolver files");
            assertEquals(k.namespaces(), states.read(id).map(LabState::namespaces).orElseThrow(), "the state file names c3 too");
            assertTrue(k.namespaces().contains(c3));

            t0 = System.nanoTime();
            lab.update(TwoNetworksTopology.base());
            long disconnectMs = (System.nanoTime() - t0) / 1_000_000;

            assertRootLinksUntouched("after disconnecting");
            assertEquals(List.of("eth0", "lo"), linksOf(c1), "c1's second interface is gone");
            assertEquals(Optional.of(DockerTopology.GATEWAY), gatewayOf(c1), "c1's default route is back on 'back'");
            assertFalse(IpQuery.namespaceNames(exec.run(IpQuery.netnsList()).stdout()).contains(c3), "c3's namespace is gone");
            assertFalse(Files.exists(NamespaceThreads.NETNS_DIR.resolve(c3)));
            assertFalse(Files.exists(ResolverFiles.DEFAULT_DIR.resolve(c3)), "c3's resolver folder is gone");
            assertFalse(linksOf(id + "-host").contains("br-2"), "bridge br-2 is gone");
            assertEquals(k.namespaces(), states.read(id).map(LabState::namespaces).orElseThrow());
            assertNotEquals(Outcome.REACHED, lab.probe(Probe.Ping.of("c1", TwoNetworksTopology.C3)).outcome(), "c3 is gone");
            assertOutcome(Outcome.REACHED, lab.probe(Probe.Ping.of("c1", DockerTopology.GATEWAY)), "'back' still works");
            assertOutcome(Outcome.NOT_FOUND, lab.probe(Probe.Lookup.of("c1", "c3")), "the DNS server forgot c3");
            assertOutcome(Outcome.REACHED, lab.probe(Probe.Lookup.of("c1", "c2")), "and still knows c2");

            t0 = System.nanoTime();
            lab.update(TwoNetworksTopology.base());
            long noopMs = (System.nanoTime() - t0) / 1_000_000;
            LoggerFactory.getLogger(LabUpdateIT.class).info("update(): connect (+1 namespace, +2 veth, +1 bridge, route moved, DNS "
                    + "restarted) {} ms; disconnect {} ms; no change {} ms", connectMs, disconnectMs, noopMs);
        }
    }
}
