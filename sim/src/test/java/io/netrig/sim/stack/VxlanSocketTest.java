package io.netrig.sim.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.MacAddress;
import io.netrig.sim.wire.EthernetFrame;
import io.netrig.sim.wire.Ipv4Packet;
import io.netrig.sim.wire.UdpDatagram;
import io.netrig.sim.wire.VxlanHeader;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VxlanSocketTest {
    private static final MacAddress A = MacAddress.parse("02:42:0a:00:00:02");
    private static final MacAddress B = MacAddress.parse("02:42:0a:00:00:03");

    private static byte[] udpFrame(int srcPort, int ttl) {
        Ipv4Packet ip = new Ipv4Packet(Ipv4Address.parse("10.0.0.2"), Ipv4Address.parse("10.0.0.3"), ttl, srcPort, true,
                new UdpDatagram(srcPort, 53, new byte[] {1, 2, 3}));
        return new EthernetFrame(B, A, ip).encode();
    }

    @Test
    void sourcePortDependsOnTheInnerFlowOnlyAndStaysInTheLocalPortRange() {
        assertEquals(VxlanSocket.sourcePort(udpFrame(40000, 64)), VxlanSocket.sourcePort(udpFrame(40000, 63)),
                "TTL and identification are not part of the flow");
        Set<Integer> ports = new HashSet<>();
        for (int p = 40000; p < 40200; p++) {
            int port = VxlanSocket.sourcePort(udpFrame(p, 64));
            assertTrue(port >= VxlanSocket.SOURCE_PORT_MIN && port <= VxlanSocket.SOURCE_PORT_MAX, () -> "in range: " + port);
            ports.add(port);
        }
        assertTrue(ports.size() > 190, () -> "flows spread over source ports: " + ports.size() + " distinct of 200");
        assertNotEquals(VxlanSocket.sourcePort(udpFrame(40000, 64)), VxlanSocket.sourcePort(udpFrame(40001, 64)));
    }

    @Test
    void headerCarriesTheIFlagAndTheVni() {
        byte[] inner = udpFrame(40000, 64);
        byte[] payload = new VxlanHeader(0xABCDEF).encapsulate(inner);
        assertEquals(0x08, payload[0], "flags: only I");
        assertEquals((byte) 0xAB, payload[4]);
        assertEquals((byte) 0xEF, payload[6]);
        assertEquals(0, payload[7], "reserved");
        assertEquals(0xABCDEF, VxlanHeader.decode(payload).orElseThrow().vni());
        assertEquals(inner.length, VxlanHeader.inner(payload).length);
        payload[0] = 0;
        assertTrue(VxlanHeader.decode(payload).isEmpty(), "without the I flag the packet is dropped");
    }
}
