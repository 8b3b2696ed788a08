package io.netrig.sim.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.IpsecAssociation;
import io.netrig.model.topology.Provenance;
import io.netrig.sim.wire.Ipv4Packet;
import io.netrig.sim.wire.OpaqueIpPayload;
import io.netrig.sim.wire.UdpDatagram;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EspTransformTest {
    private static final Ipv4Address A = Ipv4Address.parse("192.168.50.11");
    private static final Ipv4Address B = Ipv4Address.parse("192.168.50.12");
    private static final String K1 = "000102030405060708090a0b0c0d0e0f10111213";
    private static final String K2 = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff00010203";

    private static IpsecAssociation side(Ipv4Address local, Ipv4Address remote, long spiOut, String keyOut, long spiIn, String keyIn) {
        return new IpsecAssociation("n", local, remote, 4789, List.of(4097), spiOut, keyOut, spiIn, keyIn, Provenance.of("test"));
    }

    @Test
    void whatOneSideProtectsTheOtherDecryptsAndATamperedPacketIsDropped() {
        EspTransform a = new EspTransform(List.of(side(A, B, 0x1001, K1, 0x2002, K2)));
        EspTransform b = new EspTransform(List.of(side(B, A, 0x2002, K2, 0x1001, K1)));
        Ipv4Packet plain = new Ipv4Packet(A, B, 64, 7, false, new UdpDatagram(40000, 4789, new byte[] {1, 2, 3, 4, 5}));
        Ipv4Packet esp = a.protect(a.outbound(A, B, 4097).orElseThrow(), plain);
        OpaqueIpPayload o = (OpaqueIpPayload) esp.payload();
        assertEquals(EspTransform.PROTOCOL, o.protocol());
        assertEquals(8 + 8 + 13 + 3 + 8, o.bytes().length, "header, IV, 13 bytes of UDP + 1 pad + 2 trailer, 8-byte ICV");
        assertEquals(EspTransform.expansion(13) + 13, o.bytes().length);
        Ipv4Packet back = b.unprotect(esp, o.bytes()).orElseThrow();
        UdpDatagram u = (UdpDatagram) back.payload();
        assertEquals(4789, u.dstPort());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, u.data());
        byte[] tampered = o.bytes().clone();
        tampered[20] ^= 1;
        assertEquals(Optional.empty(), b.unprotect(esp, tampered), "the ICV fails");
        assertEquals(Optional.empty(), a.unprotect(esp, o.bytes()), "node A has no inbound SA with SPI 0x1001");
    }

    @Test
    void onlyTheAssociationsVnisAreProtectedAndRequired() {
        EspTransform a = new EspTransform(List.of(side(A, B, 0x1001, K1, 0x2002, K2)));
        assertTrue(a.outbound(A, B, 4097).isPresent());
        assertFalse(a.outbound(A, B, 4098).isPresent());
        assertTrue(a.requiresEsp(B, 4097));
        assertFalse(a.requiresEsp(B, 4098));
    }
}
