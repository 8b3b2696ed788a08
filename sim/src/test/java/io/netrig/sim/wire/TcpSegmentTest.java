package io.netrig.sim.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netrig.model.net.Ipv4Address;
import org.junit.jupiter.api.Test;

class TcpSegmentTest {
    private static final Ipv4Address CLIENT = Ipv4Address.parse("192.168.1.2");
    private static final Ipv4Address SERVER = Ipv4Address.parse("203.0.113.2");
    private static final TcpSegment SYN = new TcpSegment(32768, 80, 0xfedcba98, 0, TcpSegment.SYN, 64240,
            TcpSegment.synOptions(1460), new byte[0]);

    /** RFC 793 3.1: the checksum covers a pseudo-header of source, destination, protocol and TCP length. */
    private static int sumWithPseudoHeader(Ipv4Address src, Ipv4Address dst, byte[] segment) {
        return InternetChecksum.transport(src, dst, TcpSegment.PROTOCOL, segment);
    }

    @Test
    void checksumCoversThePseudoHeader() {
        byte[] b = SYN.encode(CLIENT, SERVER);
        assertEquals(0, sumWithPseudoHeader(CLIENT, SERVER, b), "a correct checksum sums to zero");
        assertEquals(0, InternetChecksum.of(new Ipv4Packet(CLIENT, SERVER, 64, 1, true, SYN).encode(), 0, 20), "IP header");
        // the same segment between other addresses needs another checksum
        byte[] elsewhere = SYN.encode(CLIENT, Ipv4Address.parse("203.0.113.3"));
        assertEquals(0, sumWithPseudoHeader(CLIENT, Ipv4Address.parse("203.0.113.3"), elsewhere));
        assertFalse(b[16] == elsewhere[16] && b[17] == elsewhere[17], "the addresses are in the checksum");
    }

    @Test
    void headerLayoutFollowsRfc793() {
        byte[] b = SYN.encode(CLIENT, SERVER);
        assertEquals(32, b.length, "20 bytes of header and 12 of options");
        assertEquals(0x80, b[12] & 0xff, "data offset 8 words");
        assertEquals(TcpSegment.SYN, b[13]);
        assertEquals(0xfe, b[4] & 0xff, "sequence number in network order");
        assertArrayEquals(new byte[] {2, 4, 0x05, (byte) 0xb4}, java.util.Arrays.copyOfRange(b, 20, 24), "MSS 1460 first");
    }

    @Test
    void decodesWhatItEncodes() {
        Ipv4Packet p = new Ipv4Packet(CLIENT, SERVER, 64, 7, true, SYN);
        Ipv4Packet back = Ipv4Packet.decode(p.encode());
        TcpSegment t = assertInstanceOf(TcpSegment.class, back.payload());
        assertEquals(SYN.seq(), t.seq());
        assertEquals(32768, t.srcPort());
        assertEquals(80, t.dstPort());
        assertEquals(64240, t.window());
        assertArrayEquals(SYN.options(), t.options());
        assertEquals("[S]", t.flagText());
        assertEquals("192.168.1.2:32768 > 203.0.113.2:80 TCP [S] seq 4275878552 win 64240", back.summary());
    }

    @Test
    void synAndFinTakeOneSequenceNumberEach() {
        assertEquals(1, SYN.sequenceLength());
        assertEquals(1, TcpSegment.of(1, 2, 0, 0, TcpSegment.FIN | TcpSegment.ACK, 0).sequenceLength());
        assertEquals(0, TcpSegment.of(1, 2, 0, 0, TcpSegment.ACK, 0).sequenceLength());
    }

    @Test
    void resetAnswersFollowRfc793() {
        TcpSegment rst = TcpSegment.resetFor(SYN);
        assertEquals("[R.]", rst.flagText(), "no ACK on the offending segment: RST+ACK");
        assertEquals(0, rst.seq());
        assertEquals(SYN.seq() + 1, rst.ack());
        assertEquals(80, rst.srcPort());
        TcpSegment stray = TcpSegment.of(40000, 80, 5, 12345, TcpSegment.ACK, 502);
        TcpSegment answer = TcpSegment.resetFor(stray);
        assertEquals("[R]", answer.flagText(), "an ACK is answered with a bare RST");
        assertEquals(12345, answer.seq(), "from the sequence number it acknowledged");
    }

    @Test
    void optionsMustBePadded() {
        assertThrows(IllegalArgumentException.class, () -> new TcpSegment(1, 2, 0, 0, 0, 0, new byte[] {1, 1, 1}, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> TcpSegment.of(70000, 2, 0, 0, 0, 0));
    }
}
