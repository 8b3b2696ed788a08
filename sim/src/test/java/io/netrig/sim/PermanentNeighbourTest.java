package io.netrig.sim;

import static io.netrig.model.topology.LinkRef.end;
import static io.netrig.sim.Labs.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.NeighbourEntry;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.Topology;
import io.netrig.sim.wire.ArpPacket;
import io.netrig.sim.wire.EthernetFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ip neigh add … nud permanent} on an ordinary interface: used without ARP, never replaced by ARP. */
class PermanentNeighbourTest extends SimLabTestSupport {
    private static final Ipv4Address H2 = Ipv4Address.parse("10.0.0.2");

    /** The bridged lab with h1 holding a permanent entry for h2 with {@code mac}. */
    private static Topology withEntry(Topology t, MacAddress mac) {
        NeighbourEntry e = new NeighbourEntry(end("h1", "eth0"), H2, mac, Provenance.of("ip neigh add 10.0.0.2 lladdr " + mac));
        return new Topology(t.name(), t.namespaces(), t.links(), t.addresses(), t.routes(), t.sysctls(), t.rulesets(), t.services(),
                t.aliases(), t.resolvers(), t.fdb(), List.of(e));
    }

    private static List<EthernetFrame> frames(Capture capture) throws IOException {
        return PcapRecords.parse(Files.readAllBytes(capture.stop())).stream().map(r -> EthernetFrame.decode(r.frame())).toList();
    }

    @Test
    void aPermanentEntryIsUsedWithoutArp() throws IOException {
        Topology plain = Labs.bridged();
        try (Lab probeMac = start(plain)) {
            MacAddress h2 = ((SimLab) probeMac).network().device(ref("h2", "eth0")).mac();
            try (Lab lab = start(withEntry(plain, h2))) {
                Capture h1 = lab.capture(ref("h1", "eth0"), CaptureFilter.ALL);
                Observation o = lab.probe(ping("h1", "10.0.0.2"));
                assertEquals(Outcome.REACHED, o.outcome(), () -> "expected h1 -> h2 with a permanent neighbour: " + o);
                List<EthernetFrame> seen = frames(h1);
                assertTrue(seen.stream().noneMatch(f -> f.payload() instanceof ArpPacket a && a.isRequest()
                                && a.senderIp().equals(Ipv4Address.parse("10.0.0.1"))),
                        () -> "h1 never asks for 10.0.0.2: " + seen.stream().map(EthernetFrame::summary).toList());
            }
        }
    }

    @Test
    void aWrongPermanentEntryIsNotCorrectedByArpUntilTheLabChangesIt() {
        Topology plain = Labs.bridged();
        MacAddress wrong = MacAddress.parse("02:00:00:00:00:99");
        try (Lab lab = start(withEntry(plain, wrong))) {
            Observation o = lab.probe(ping("h1", "10.0.0.2"));
            assertEquals(Outcome.TIMEOUT, o.outcome(), () -> "frames go to the wrong MAC, so nobody answers: " + o);
            Observation back = lab.probe(ping("h2", "10.0.0.1"));
            assertEquals(Outcome.TIMEOUT, back.outcome(), () -> "h2's ARP does not override h1's permanent entry, replies still go astray: " + back);
            MacAddress h2 = ((SimLab) lab).network().device(ref("h2", "eth0")).mac();
            lab.update(withEntry(plain, h2));
            Observation fixed = lab.probe(ping("h1", "10.0.0.2"));
            assertEquals(Outcome.REACHED, fixed.outcome(), () -> "the updated entry points at h2: " + fixed);
            lab.update(plain);
            Observation removed = lab.probe(ping("h1", "10.0.0.2"));
            assertEquals(Outcome.REACHED, removed.outcome(), () -> "without the entry, h1 resolves h2 by ARP again: " + removed);
        }
    }
}
