package io.netrig.sim.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.netrig.model.net.Ipv4Address;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UdpDatagramTest {
    private static final Ipv4Address A = Ipv4Address.parse("10.0.0.2");
    private static final Ipv4Address B = Ipv4Address.parse("10.0.0.1");

    @Test
    void checksumCoversThePseudoHeaderAndLengthIsInTheHeader() {
        UdpDatagram u = new UdpDatagram(32768, 53, "netrig\n".getBytes(StandardCharsets.US_ASCII));
        byte[] b = u.encode(A, B);
        assertEquals(15, b.length);
        assertEquals(15, (b[4] & 0xff) << 8 | (b[5] & 0xff), "RFC 768 length: header and data");
        assertEquals(0, InternetChecksum.transport(A, B, UdpDatagram.PROTOCOL, b));
    }

    @Test
    void aComputedChecksumOfZeroIsSentAsAllOnes() {
        // find data whose checksum computes to 0: RFC 768 transmits it as 0xffff, since 0 means "no checksum"
        for (int i = 0; i < 0x10000; i++) {
            UdpDatagram u = new UdpDatagram(1, 2, new byte[] {(byte) (i >>> 8), (byte) i});
            byte[] b = u.encode(A, B);
            int sent = (b[6] & 0xff) << 8 | (b[7] & 0xff);
            assertNotEquals(0, sent);
            if (sent == 0xffff) {
                return;
            }
        }
        throw new AssertionError("no datagram with a zero checksum found");
    }

    @Test
    void decodesWhatItEncodes() {
        UdpDatagram u = new UdpDatagram(40000, 8053, new byte[] {1, 2, 3});
        Ipv4Packet back = Ipv4Packet.decode(new Ipv4Packet(A, B, 64, 1, true, u).encode());
        UdpDatagram d = assertInstanceOf(UdpDatagram.class, back.payload());
        assertEquals(40000, d.srcPort());
        assertEquals(8053, d.dstPort());
        assertArrayEquals(new byte[] {1, 2, 3}, d.data());
        assertEquals("10.0.0.2:40000 > 10.0.0.1:8053 UDP length 3", back.summary());
    }

    @Test
    void natRewritesPortsAndTheChecksumFollows() {
        Ipv4Packet p = new Ipv4Packet(A, B, 64, 1, true, new UdpDatagram(40000, 8053, new byte[] {9}));
        Ipv4Packet natted = p.withDestination(Ipv4Address.parse("172.17.0.2"), 53);
        byte[] raw = natted.encode();
        UdpDatagram d = (UdpDatagram) Ipv4Packet.decode(raw).payload();
        assertEquals(53, d.dstPort());
        assertEquals(0, InternetChecksum.transport(A, Ipv4Address.parse("172.17.0.2"), UdpDatagram.PROTOCOL,
                java.util.Arrays.copyOfRange(raw, 20, raw.length)));
    }
}
