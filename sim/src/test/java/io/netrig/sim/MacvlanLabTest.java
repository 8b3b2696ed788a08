package io.netrig.sim;

import static io.netrig.sim.Labs.ref;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.Macvlan;
import io.netrig.model.topology.MacvlanMode;
import io.netrig.model.topology.Topology;
import io.netrig.sim.wire.EthernetFrame;
import io.netrig.sim.wire.IcmpMessage;
import io.netrig.sim.wire.Ipv4Packet;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Docker's macvlan driver as Linux runs it: children on a host NIC, siblings, the host's isolation, the shim. */
class MacvlanLabTest extends SimLabTestSupport {
    private static final MacAddress NODE_1 = MacAddress.parse("02:42:0a:03:01:91");
    private static final MacAddress NODE_2 = MacAddress.parse("02:42:0a:03:01:92");

    private static List<EthernetFrame> frames(Capture capture) throws IOException {
        return PcapRecords.parse(Files.readAllBytes(capture.stop())).stream()
                .map(r -> EthernetFrame.decode(r.frame())).toList();
    }

    private static boolean isEcho(EthernetFrame f, int type) {
        return f.payload() instanceof Ipv4Packet ip && ip.payload() instanceof IcmpMessage m && m.type() == type;
    }

    @Test
    void routerReachesMacvlanContainerThroughTheSwitch() {
        try (Lab lab = start(Labs.macvlan(MacvlanMode.BRIDGE, false, false))) {
            Observation o = lab.probe(ping("router", "10.3.1.145"));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "expected router -> node-1 to be answered: " + o);
        }
    }

    @Test
    void containerReachesRouterAndItsFramesLeaveThroughTheParent() throws IOException {
        try (Lab lab = start(Labs.macvlan(MacvlanMode.BRIDGE, false, false))) {
            Capture parent = lab.capture(ref("host1", "ens160"), CaptureFilter.of(IpProtocol.ICMP));
            Capture child = lab.capture(ref("node-1", "eth0"), CaptureFilter.of(IpProtocol.ICMP));
            Observation o = lab.probe(ping("node-1", "10.3.1.1"));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "expected node-1 -> router to be answered: " + o);
            List<EthernetFrame> onParent = frames(parent);
            assertEquals(2, onParent.size(), "tcpdump on the lower device shows the child's request and the reply");
            assertEquals(NODE_1, onParent.get(0).src(), "the request leaves with the child's own MAC");
            assertEquals(NODE_1, onParent.get(1).dst(), "the reply comes back to the child's MAC");
            assertEquals(2, frames(child).size(), "the child sees its own request and reply");
        }
    }

    @Test
    void bridgeModeSiblingsTalkInsideTheParentNotOnTheWire() throws IOException {
        try (Lab lab = start(Labs.macvlan(MacvlanMode.BRIDGE, false, false))) {
            Capture wire = lab.capture(ref("sw-lan", "p1"), CaptureFilter.of(IpProtocol.ICMP));
            Capture parent = lab.capture(ref("host1", "ens160"), CaptureFilter.of(IpProtocol.ICMP));
            Capture sibling = lab.capture(ref("node-2", "eth0"), CaptureFilter.of(IpProtocol.ICMP));
            Observation o = lab.probe(ping("node-1", "10.3.1.146"));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "expected node-1 -> node-2 (bridge mode) to be answered: " + o);
            assertEquals(List.of(), frames(wire), "sibling traffic must not reach the segment switch");
            List<EthernetFrame> onParent = frames(parent);
            assertEquals(2, onParent.size(), "dev_forward_skb passes sibling frames by the lower device's taps");
            assertTrue(isEcho(onParent.get(0), IcmpMessage.ECHO_REQUEST) && onParent.get(0).dst().equals(NODE_2));
            List<EthernetFrame> onSibling = frames(sibling);
            assertEquals(2, onSibling.size(), "node-2 receives the request and sends the reply");
            assertTrue(o.path().stream().anyMatch(s -> s.contains("not on the wire")), () -> "path: " + o.path());
        }
    }

    @Test
    void hostCannotReachItsOwnMacvlanContainer() throws IOException {
        try (Lab lab = start(Labs.macvlan(MacvlanMode.BRIDGE, false, false))) {
            Capture child = lab.capture(ref("node-1", "eth0"), CaptureFilter.ALL);
            Observation o = lab.probe(ping("host1", "10.3.1.145"));
            assertEquals(Outcome.TIMEOUT, o.outcome(),
                    () -> "expected host1 -> node-1 ping to fail (macvlan parent isolation) but: " + o);
            assertEquals(List.of(), frames(child), "host1's ARP requests leave on the wire and never reach node-1");
        }
    }

    @Test
    void macvlanContainerCannotReachItsHost() {
        try (Lab lab = start(Labs.macvlan(MacvlanMode.BRIDGE, false, false))) {
            Observation o = lab.probe(ping("node-1", "10.3.1.45"));
            assertEquals(Outcome.TIMEOUT, o.outcome(),
                    () -> "expected node-1 -> host1 ping to fail (macvlan parent isolation) but: " + o);
        }
    }

    @Test
    void privateModeSiblingsCannotTalk() {
        try (Lab lab = start(Labs.macvlan(MacvlanMode.PRIVATE, false, false))) {
            Observation o = lab.probe(ping("node-1", "10.3.1.146"));
            assertEquals(Outcome.TIMEOUT, o.outcome(), () -> "expected node-1 -> node-2 (private mode) to fail but: " + o);
            assertEquals(Outcome.REACHED, lab.probe(ping("node-1", "10.3.1.1")).outcome(), "the wire is still reachable");
        }
    }

    @Test
    void privateModeSiblingsStayApartEvenBehindAHairpinSwitch() {
        try (Lab lab = start(Labs.macvlan(MacvlanMode.PRIVATE, true, false))) {
            Observation o = lab.probe(ping("node-1", "10.3.1.146"));
            assertEquals(Outcome.TIMEOUT, o.outcome(),
                    () -> "expected reflected broadcasts of a private macvlan to reach only their sender, but: " + o);
        }
    }

    @Test
    void vepaSiblingsMeetOnlyThroughAHairpinSwitch() {
        try (Lab lab = start(Labs.macvlan(MacvlanMode.VEPA, false, false))) {
            Observation o = lab.probe(ping("node-1", "10.3.1.146"));
            assertEquals(Outcome.TIMEOUT, o.outcome(), () -> "expected VEPA siblings apart without hairpin but: " + o);
        }
        try (Lab lab = start(Labs.macvlan(MacvlanMode.VEPA, true, false))) {
            Observation o = lab.probe(ping("node-1", "10.3.1.146"));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "expected VEPA siblings to meet through the hairpin port: " + o);
        }
    }

    @Test
    void hairpinSwitchReflectsHostFramesToItsContainer() {
        try (Lab lab = start(Labs.macvlan(MacvlanMode.BRIDGE, true, false))) {
            Observation o = lab.probe(ping("host1", "10.3.1.145"));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "expected the hairpin switch port to join host1 and node-1: " + o);
        }
    }

    @Test
    void macvlanShimLetsTheHostReachItsContainer() {
        try (Lab lab = start(Labs.macvlan(MacvlanMode.BRIDGE, false, true))) {
            Observation o = lab.probe(ping("host1", "10.3.1.145"));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "expected host1 -> node-1 over macvlan_host to be answered: " + o);
            assertEquals(Outcome.TIMEOUT, lab.probe(ping("host1", "10.3.1.146")).outcome(),
                    "node-2 has no route over the shim, so host1 still goes out of ens160");
        }
    }

    @Test
    void passthruContainerTakesOverTheParent() throws IOException {
        Topology bridge = Labs.macvlan(MacvlanMode.PASSTHRU, false, false);
        Topology passthru = new Topology(bridge.name(), bridge.namespaces(),
                bridge.links().stream().filter(l -> !(l instanceof Macvlan m && m.self().ref().namespace().equals("node-2"))).toList(),
                bridge.addresses().stream().filter(a -> !a.ref().namespace().equals("node-2")).toList(),
                bridge.routes().stream().filter(r -> !r.namespace().equals("node-2")).toList(),
                bridge.sysctls(), bridge.rulesets());
        try (Lab lab = start(passthru)) {
            Capture wire = lab.capture(ref("sw-lan", "p1"), CaptureFilter.of(IpProtocol.ICMP));
            Observation o = lab.probe(ping("node-1", "10.3.1.1"));
            assertEquals(Outcome.REACHED, o.outcome(), () -> "expected the passthru child to reach the router: " + o);
            MacAddress parentMac = ((SimLab) lab).network().device(ref("host1", "ens160")).mac();
            assertEquals(parentMac, frames(wire).getFirst().src(), "a passthru child uses the parent's MAC");
            Observation host = lab.probe(ping("host1", "10.3.1.1"));
            assertEquals(Outcome.TIMEOUT, host.outcome(), () -> "unicast for the parent's MAC goes to the passthru child: " + host);
        }
    }

    @Test
    void sameSeedGivesIdenticalMacvlanCaptures() throws IOException {
        assertArrayEquals(parentCapture(3), parentCapture(3));
    }

    private byte[] parentCapture(long seed) throws IOException {
        try (Lab lab = new SimBackend().start(Labs.macvlan(MacvlanMode.BRIDGE, false, true), options.withSeed(seed))) {
            Capture c = lab.capture(ref("host1", "ens160"), CaptureFilter.ALL);
            lab.probe(ping("host1", "10.3.1.145"));
            lab.probe(ping("node-1", "10.3.1.146"));
            lab.probe(ping("node-2", "10.3.1.1"));
            return Files.readAllBytes(c.stop());
        }
    }
}
