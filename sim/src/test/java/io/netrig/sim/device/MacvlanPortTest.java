package io.netrig.sim.device;

import static io.netrig.model.topology.LinkRef.end;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.MacvlanMode;
import io.netrig.sim.core.Simulator;
import io.netrig.sim.core.Trace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** macvlan_queue_xmit and macvlan_handle_frame on one lower device, without stacks. */
class MacvlanPortTest {
    private static final MacAddress PARENT = MacAddress.parse("02:00:00:00:00:01");
    private static final MacAddress PEER = MacAddress.parse("02:00:00:00:00:02");
    private static final MacAddress A = MacAddress.parse("02:42:0a:03:01:91");
    private static final MacAddress B = MacAddress.parse("02:42:0a:03:01:92");
    private static final MacAddress OUTSIDE = MacAddress.parse("02:00:00:00:00:99");

    private final Simulator sim = new Simulator(1);
    private final VethEnd parent = new VethEnd(sim, end("host1", "ens160"), PARENT);
    private final VethEnd peer = new VethEnd(sim, end("sw-lan", "p1"), PEER);
    private final List<String> received = new ArrayList<>();

    MacvlanPortTest() {
        VethEnd.pair(parent, peer);
        record(parent);
        record(peer);
    }

    private void record(NetDevice device) {
        device.attachUpper((d, f) -> received.add(d.ref() + " <- " + MacAddress.fromBytes(f.bytes(), 6)));
    }

    private MacvlanDevice child(String ns, MacAddress mac, MacvlanMode mode) {
        MacvlanDevice d = MacvlanDevice.create(sim, end(ns, "eth0"), mac, mode, parent);
        record(d);
        return d;
    }

    private static Frame frame(MacAddress dst, MacAddress src) {
        byte[] bytes = new byte[60];
        dst.writeTo(bytes, 0);
        src.writeTo(bytes, 6);
        bytes[12] = 0x08;
        bytes[13] = 0x06;
        return new Frame(bytes, Trace.none());
    }

    private void settle() {
        sim.runUntil(sim.now() + Duration.ofMillis(1).toNanos());
    }

    @Test
    void parentStackNeverReceivesWhatAChildSends() {
        child("node-1", A, MacvlanMode.BRIDGE);
        child("node-2", B, MacvlanMode.BRIDGE).transmit(frame(MacAddress.BROADCAST, B));
        settle();
        assertEquals(List.of("node-1:eth0 <- " + B, "sw-lan:p1 <- " + B), received,
                "a bridge-mode broadcast goes to the sibling and the wire, not up the parent's stack");
    }

    @Test
    void childNeverReceivesWhatTheParentStackSends() {
        child("node-1", A, MacvlanMode.BRIDGE);
        parent.transmit(frame(A, PARENT));
        parent.transmit(frame(MacAddress.BROADCAST, PARENT));
        settle();
        assertEquals(List.of("sw-lan:p1 <- " + PARENT, "sw-lan:p1 <- " + PARENT), received);
    }

    @Test
    void wireUnicastForAChildSkipsTheParentStackAndBroadcastReachesEveryone() {
        child("node-1", A, MacvlanMode.BRIDGE);
        child("node-2", B, MacvlanMode.PRIVATE);
        peer.transmit(frame(A, OUTSIDE));
        settle();
        assertEquals(List.of("node-1:eth0 <- " + OUTSIDE), received);
        received.clear();
        peer.transmit(frame(MacAddress.BROADCAST, OUTSIDE));
        settle();
        assertEquals(List.of("host1:ens160 <- " + OUTSIDE, "node-1:eth0 <- " + OUTSIDE, "node-2:eth0 <- " + OUTSIDE), received);
        received.clear();
        peer.transmit(frame(OUTSIDE, PEER));
        settle();
        assertEquals(List.of("host1:ens160 <- " + PEER), received, "other unicast still goes to the parent's stack");
    }

    @Test
    void reflectedBroadcastOfAPrivateChildGoesBackToItsSenderOnly() {
        child("node-1", A, MacvlanMode.PRIVATE);
        child("node-2", B, MacvlanMode.PRIVATE);
        peer.transmit(frame(MacAddress.BROADCAST, A));
        settle();
        assertEquals(List.of("node-1:eth0 <- " + A), received);
    }

    @Test
    void reflectedBroadcastOfAVepaChildReachesItsSiblings() {
        child("node-1", A, MacvlanMode.VEPA);
        child("node-2", B, MacvlanMode.VEPA);
        peer.transmit(frame(MacAddress.BROADCAST, A));
        settle();
        assertEquals(List.of("host1:ens160 <- " + A, "node-2:eth0 <- " + A), received);
    }

    @Test
    void passthruChildTakesTheParentsMacAndAllUnicast() {
        MacvlanDevice only = child("node-1", A, MacvlanMode.PASSTHRU);
        assertEquals(PARENT, only.mac());
        peer.transmit(frame(PARENT, OUTSIDE));
        settle();
        assertEquals(List.of("node-1:eth0 <- " + OUTSIDE), received);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> child("node-2", B, MacvlanMode.BRIDGE));
        assertTrue(e.getMessage().contains("passthru"), e.getMessage());
    }

    @Test
    void rejectsMacvlanWithTheMacOfASiblingOrOfTheParent() {
        child("node-1", A, MacvlanMode.BRIDGE);
        IllegalStateException sibling = assertThrows(IllegalStateException.class, () -> child("node-2", A, MacvlanMode.BRIDGE));
        assertTrue(sibling.getMessage().contains("Address already in use"), sibling.getMessage());
        assertThrows(IllegalStateException.class, () -> child("node-3", PARENT, MacvlanMode.BRIDGE));
    }

    @Test
    void rejectsMacvlanOnABridgePortAndBridgePortWithMacvlans() {
        BridgeDevice br = new BridgeDevice(sim, end("sw-lan", "br0"), OUTSIDE, Duration.ofSeconds(300));
        br.addPort(peer, false, false);
        IllegalStateException onPort = assertThrows(IllegalStateException.class,
                () -> MacvlanDevice.create(sim, end("x", "eth0"), A, MacvlanMode.BRIDGE, peer));
        assertTrue(onPort.getMessage().contains("busy"), onPort.getMessage());
        child("node-1", A, MacvlanMode.BRIDGE);
        assertThrows(IllegalStateException.class, () -> br.addPort(parent, false, false));
    }
}
