package io.netrig.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netrig.model.net.Ipv4Address;
import org.junit.jupiter.api.Test;

class EchoProbeTest {
    private static final Ipv4Address ME = Ipv4Address.parse("10.0.0.1");
    private static final Ipv4Address TARGET = Ipv4Address.parse("10.0.1.2");
    private static final Ipv4Address ROUTER = Ipv4Address.parse("10.0.0.254");

    private static byte[] ipv4(Ipv4Address src, Ipv4Address dst, byte[] icmp) {
        byte[] p = new byte[20 + icmp.length];
        p[0] = 0x45;
        p[9] = 1;
        System.arraycopy(src.toBytes(), 0, p, 12, 4);
        System.arraycopy(dst.toBytes(), 0, p, 16, 4);
        System.arraycopy(icmp, 0, p, 20, icmp.length);
        return p;
    }

    private static byte[] reply(int id, int seq) {
        byte[] r = EchoProbe.echoRequest(id, seq);
        r[0] = 0;
        return r;
    }

    private static byte[] unreachable(int code, byte[] quotedPacket) {
        byte[] icmp = new byte[8 + 28];
        icmp[0] = 3;
        icmp[1] = (byte) code;
        System.arraycopy(quotedPacket, 0, icmp, 8, 28);
        return icmp;
    }

    @Test
    void aRequestCarriesItsIdentifierSequenceAndAValidChecksum() {
        byte[] r = EchoProbe.echoRequest(0xbeef, 7);
        assertEquals(64, r.length);
        assertEquals(8, r[0]);
        assertEquals(0xbe, r[4] & 0xff);
        assertEquals(7, r[7]);
        assertEquals(0, EchoProbe.checksum(r), "the checksum over a packet with its checksum in place is zero");
    }

    @Test
    void aReplyWithOurIdentifierIsOurs() {
        byte[] p = ipv4(TARGET, ME, reply(42, 3));
        assertEquals(new EchoProbe.Received.Reply(3), EchoProbe.classify(p, p.length, 42, TARGET));
        assertEquals(new EchoProbe.Received.Other(), EchoProbe.classify(p, p.length, 43, TARGET), "another ping's reply");
    }

    @Test
    void anUnreachableQuotingOurRequestNamesItsSenderAndCode() {
        byte[] request = ipv4(ME, TARGET, EchoProbe.echoRequest(42, 1));
        byte[] p = ipv4(ROUTER, ME, unreachable(1, request));
        assertEquals(new EchoProbe.Received.Error(1, new IcmpError(3, 1, ROUTER)), EchoProbe.classify(p, p.length, 42, TARGET));
        assertEquals(new EchoProbe.Received.Other(), EchoProbe.classify(p, p.length, 42, ROUTER), "quotes a request to another address");
    }

    @Test
    void truncatedOrForeignPacketsAreNotOurs() {
        byte[] p = ipv4(TARGET, ME, reply(42, 3));
        assertEquals(new EchoProbe.Received.Other(), EchoProbe.classify(p, 24, 42, TARGET));
        byte[] request = ipv4(ME, TARGET, EchoProbe.echoRequest(42, 1));
        assertEquals(new EchoProbe.Received.Other(), EchoProbe.classify(request, request.length, 42, TARGET), "our own request");
    }
}
