package io.netrig.sim.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.netrig.model.net.Ipv4Address;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IcmpMessageTest {
    private static final Ipv4Address CLIENT = Ipv4Address.parse("10.0.0.2");
    private static final Ipv4Address PUBLISHED = Ipv4Address.parse("10.0.0.1");
    private static final Ipv4Address CONTAINER = Ipv4Address.parse("172.17.0.2");

    @Test
    void rewritingTheQuotedPacketKeepsEveryChecksumRight() {
        Ipv4Packet datagram = new Ipv4Packet(CLIENT, CONTAINER, 63, 9, true, new UdpDatagram(32768, 54, new byte[] {1, 2, 3, 4, 5}));
        IcmpMessage error = IcmpMessage.error(IcmpMessage.DEST_UNREACHABLE, IcmpMessage.CODE_PORT_UNREACHABLE, datagram);
        IcmpMessage fixed = error.withQuotedEndpoints(CLIENT, 32768, PUBLISHED, 8054);
        byte[] q = fixed.data();
        assertEquals(0, InternetChecksum.of(q, 0, 20), "quoted IP header checksum recomputed");
        assertEquals(0, InternetChecksum.transport(CLIENT, PUBLISHED, UdpDatagram.PROTOCOL, Arrays.copyOfRange(q, 20, q.length)),
                "quoted UDP checksum updated incrementally (RFC 1624)");
        Ipv4Packet quoted = fixed.quoted().orElseThrow();
        assertEquals(PUBLISHED, quoted.dst());
        assertEquals(8054, assertInstanceOf(OpaqueIpPayload.class, quoted.payload()).destinationPort());
        assertEquals(33, (q[2] & 0xff) << 8 | (q[3] & 0xff), "the quoted total length is the original one");
    }

    @Test
    void rewritingAQuotedTcpHeaderUpdatesItsChecksum() {
        TcpSegment syn = new TcpSegment(32768, 80, 1234, 0, TcpSegment.SYN, 64240, TcpSegment.synOptions(1460), new byte[0]);
        Ipv4Packet p = new Ipv4Packet(CLIENT, CONTAINER, 63, 9, true, syn);
        IcmpMessage fixed = IcmpMessage.error(IcmpMessage.DEST_UNREACHABLE, 13, p).withQuotedEndpoints(CLIENT, 32768, PUBLISHED, 8080);
        byte[] q = fixed.data();
        assertEquals(0, InternetChecksum.transport(CLIENT, PUBLISHED, TcpSegment.PROTOCOL, Arrays.copyOfRange(q, 20, q.length)));
        assertEquals(1234, assertInstanceOf(OpaqueIpPayload.class, fixed.quoted().orElseThrow().payload()).tcpSequence());
    }
}
