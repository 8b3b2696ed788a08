package io.netrig.kernel;

import static io.netrig.model.topology.LinkRef.end;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.kernel.exec.Command;
import io.netrig.model.backend.Backends;
import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabBackend;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.firewall.RuleRef;
import io.netrig.model.firewall.TableName;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class DockerBridgeLabIT extends KernelTestSupport {
    private static final Logger LOG = LoggerFactory.getLogger(DockerBridgeLabIT.class);
    private final LabBackend backend = Backends.byName("kernel");

    @TempDir
    Path work;

    private Lab start(Topology t) {
        long t0 = System.nanoTime();
        Lab lab = backend.start(t, LabOptions.defaults().withPrefix("nrit").withWorkDir(work));
        LOG.info("started lab '{}' in {} ms", t.name(), (System.nanoTime() - t0) / 1_000_000);
        return lab;
    }

    @Test
    void containerToContainerIsDroppedByDockersIccRule() {
        try (Lab lab = start(DockerTopology.topology())) {
            Observation o = lab.probe(Probe.Ping.of("c1", DockerTopology.C2));
            assertEquals(Outcome.DROPPED, o.outcome(), "expected c1 -> c2 to be dropped (icc off) but: " + o);
            assertEquals(Optional.of(new RuleRef("host", TableName.FILTER, "FORWARD", 6, "-A FORWARD -i br-1 -o br-1 -j DROP")),
                    o.rule(), "expected FORWARD rule 6 to be named");
        }
    }

    @Test
    void containerToGatewayIsReached() {
        try (Lab lab = start(DockerTopology.topology())) {
            Observation o = lab.probe(Probe.Ping.of("c1", DockerTopology.GATEWAY));
            assertEquals(Outcome.REACHED, o.outcome(), "expected c1 -> its gateway to be answered but: " + o);
            assertEquals(Outcome.REACHED, lab.probe(Probe.Ping.of("c2", DockerTopology.GATEWAY)).outcome());
        }
    }

    @Test
    void labNamespacesCarryTheLabIdAndCloseIsIdempotent() {
        Lab lab = start(DockerTopology.topology());
        String id = ((io.netrig.kernel.internal.KernelLab) lab).id().toString();
        try {
            assertTrue(id.matches("nrit[0-9a-f]{4}"), id);
            List<String> namespaces = io.netrig.kernel.exec.IpQuery.namespaceNames(exec.run(io.netrig.kernel.exec.IpQuery.netnsList()).stdout());
            assertTrue(namespaces.containsAll(List.of(id + "-host", id + "-c1", id + "-c2")), "lab namespaces missing: " + namespaces);
            assertTrue(Files.exists(Path.of("/run/netrig", id + ".json")), "no state file for the running lab " + id);
            List<String> hostLinks = io.netrig.kernel.exec.IpQuery.linkNames(
                    exec.run(io.netrig.kernel.exec.IpQuery.links(Optional.of(id + "-host"))).stdout());
            assertTrue(hostLinks.containsAll(List.of("br-1", "veth1a2b3c4", "veth5d6e7f8")), "host links: " + hostLinks);
        } finally {
            lab.close();
        }
        lab.close();
        assertTrue(Files.notExists(Path.of("/run/netrig", id + ".json")), "state file left after close");
    }

    @Test
    void containerWithoutDefaultRouteHasNoRouteOffItsSubnet() {
        try (Lab lab = start(DockerTopology.builder(false).build())) {
            Observation o = lab.probe(Probe.Ping.of("c1", Ipv4Address.parse("10.99.0.1")));
            assertEquals(Outcome.NO_ROUTE, o.outcome(), "expected c1 without default route to have no route: " + o);
        }
    }

    @Test
    void captureOnTheHostBridgeIsAPcapWithTheIcmp() throws Exception {
        try (Lab lab = start(DockerTopology.topology())) {
            Capture capture = lab.capture(end("host", "br-1"), CaptureFilter.of(IpProtocol.ICMP));
            assertEquals(Outcome.REACHED, lab.probe(Probe.Ping.of("c1", DockerTopology.GATEWAY)).outcome());
            Path pcap = capture.stop();
            assertTrue(Files.size(pcap) > 24, "pcap " + pcap + " has no packets");
            String protocols = exec.run(Command.of(List.of("tshark", "-r", pcap.toString(), "-T", "fields", "-e", "frame.protocols"))).stdout();
            assertTrue(protocols.lines().anyMatch(l -> l.endsWith(":ip:icmp:data")),
                    "expected the echo request on br-1 in the capture, tshark saw: " + protocols);
        }
    }
}
