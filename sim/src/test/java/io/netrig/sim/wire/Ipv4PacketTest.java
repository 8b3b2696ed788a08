package io.netrig.sim.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.MacAddress;
import org.junit.jupiter.api.Test;

class Ipv4PacketTest {
    private static final Ipv4Packet ECHO = new Ipv4Packet(Ipv4Address.parse("172.18.0.2"), Ipv4Address.parse("172.18.0.3"),
            64, 0x1234, true, IcmpMessage.echoRequest(0xbeef, 1, new byte[56]));

    @Test
    void headerAndIcmpChecksumsVerifyToZero() {
        byte[] b = ECHO.encode();
        assertEquals(0, InternetChecksum.of(b, 0, Ipv4Packet.HEADER_LENGTH), "IPv4 header checksum");
        assertEquals(0, InternetChecksum.of(b, Ipv4Packet.HEADER_LENGTH, b.length - Ipv4Packet.HEADER_LENGTH), "ICMP checksum");
        assertEquals(84, b.length, "a default ping is 84 bytes of IP");
    }

    @Test
    void frameRoundTripsThroughBytes() {
        EthernetFrame frame = new EthernetFrame(MacAddress.parse("02:00:00:00:00:02"), MacAddress.parse("02:00:00:00:00:01"), ECHO);
        EthernetFrame back = EthernetFrame.decode(frame.encode());
        Ipv4Packet ip = assertInstanceOf(Ipv4Packet.class, back.payload());
        assertEquals(ECHO.src(), ip.src());
        assertEquals(ECHO.dst(), ip.dst());
        IcmpMessage m = assertInstanceOf(IcmpMessage.class, ip.payload());
        assertEquals(0xbeef, m.echoId());
        assertEquals(1, m.echoSequence());
    }

    @Test
    void errorQuotesTheWholeOffendingPacketWhenItFitsIn576Bytes() {
        IcmpMessage error = IcmpMessage.error(IcmpMessage.DEST_UNREACHABLE, IcmpMessage.CODE_HOST_UNREACHABLE, ECHO);
        assertEquals(84, error.data().length, "icmp_send quotes as much as keeps the error within 576 bytes");
        Ipv4Packet quoted = error.quoted().orElseThrow();
        assertEquals(ECHO.dst(), quoted.dst());
        assertEquals(0xbeef, ((IcmpMessage) quoted.payload()).echoId());
    }

    @Test
    void errorAboutALargePacketIsCutTo576BytesInAll() {
        Ipv4Packet big = new Ipv4Packet(ECHO.src(), ECHO.dst(), 64, 1, true, IcmpMessage.echoRequest(1, 1, new byte[1400]));
        Ipv4Packet error = new Ipv4Packet(ECHO.dst(), ECHO.src(), 64, 2, false,
                IcmpMessage.error(IcmpMessage.DEST_UNREACHABLE, IcmpMessage.CODE_PORT_UNREACHABLE, big));
        assertEquals(576, error.encode().length);
    }

    @Test
    void arpRoundTrips() {
        ArpPacket request = ArpPacket.request(MacAddress.parse("02:00:00:00:00:01"), Ipv4Address.parse("10.0.0.1"),
                Ipv4Address.parse("10.0.0.2"));
        assertEquals(request, ArpPacket.decode(request.encode()));
    }
}
