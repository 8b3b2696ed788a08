package io.netrig.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.kernel.exec.IpQuery;
import io.netrig.kernel.internal.KernelLab;
import io.netrig.model.backend.Backends;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabBackend;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker-style macvlan containers on a host NIC that is a port of a LAN switch, with and without the host shim. */
class MacvlanLabIT extends KernelTestSupport {
    private final LabBackend backend = Backends.byName("kernel");

    @TempDir
    Path work;

    private Lab start(Topology t) {
        Lab lab = backend.start(t, LabOptions.defaults().withPrefix("nrmv").withWorkDir(work));
        assertRootLinksUntouched("right after starting lab '" + t.name() + "'");
        return lab;
    }

    private Observation ping(Lab lab, String from, Ipv4Address to) {
        return lab.probe(Probe.Ping.of(from, to));
    }

    @Test
    void containersReachTheLanAndEachOtherButNotTheirParentHost() {
        try (Lab lab = start(MacvlanTopology.topology(false))) {
            Observation routerToNode = ping(lab, "router", MacvlanTopology.NODE1);
            assertEquals(Outcome.REACHED, routerToNode.outcome(),
                    "expected router → node-1 over the LAN switch to be answered but: " + routerToNode);
            Observation nodeToNode = ping(lab, "node-1", MacvlanTopology.NODE2);
            assertEquals(Outcome.REACHED, nodeToNode.outcome(),
                    "expected node-1 → node-2 (bridge-mode siblings on ens160) to be answered but: " + nodeToNode);
            Observation hostToNode = ping(lab, "host1", MacvlanTopology.NODE1);
            assertEquals(Outcome.TIMEOUT, hostToNode.outcome(),
                    "expected host1 → node-1 ping to go unanswered (macvlan parent isolation) but: " + hostToNode);
        }
    }

    @Test
    void aShimMacvlanOnTheParentLetsTheHostReachItsContainers() {
        try (Lab lab = start(MacvlanTopology.topology(true))) {
            Observation hostToNode = ping(lab, "host1", MacvlanTopology.NODE1);
            assertEquals(Outcome.REACHED, hostToNode.outcome(),
                    "expected host1 → node-1 through the shim macvlan_host to be answered but: " + hostToNode);
        }
    }

    @Test
    void macvlanChildrenLiveOnlyInTheirOwnNamespaces() {
        try (Lab lab = start(MacvlanTopology.topology(true))) {
            String id = ((KernelLab) lab).id().toString();
            assertTrue(links(id + "-node-1").contains("eth0"), "node-1 has no eth0: " + links(id + "-node-1"));
            assertTrue(links(id + "-node-2").contains("eth0"), "node-2 has no eth0: " + links(id + "-node-2"));
            assertEquals(List.of("lo", "ens160", "macvlan_host"), links(id + "-host1"),
                    "host1 should hold its NIC and its shim, and none of its containers' macvlans");
        }
    }

    private List<String> links(String kernelNamespace) {
        return IpQuery.linkNames(exec.run(IpQuery.links(Optional.of(kernelNamespace))).stdout());
    }
}
