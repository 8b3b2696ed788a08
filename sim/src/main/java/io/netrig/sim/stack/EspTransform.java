package io.netrig.sim.stack;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.IpsecAssociation;
import io.netrig.sim.wire.Ipv4Packet;
import io.netrig.sim.wire.OpaqueIpPayload;
import io.netrig.sim.wire.UdpDatagram;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * IPsec ESP in transport mode for one namespace's VXLAN (RFC 4303 with AES-GCM as RFC 4106 uses it: 128-bit key,
 * 4-byte salt, 8-byte explicit IV, 64-bit ICV — Docker's {@code rfc4106(gcm(aes))} with {@code 64}): a VXLAN datagram
 * to a peer of an {@link IpsecAssociation}, for one of its VNIs, is encrypted whole (the UDP header and payload, then
 * the padding, pad length and next header 17) behind an ESP header (SPI, sequence number) and the IV; the AAD is the
 * SPI and sequence number. The IV is the sequence number, as Linux's seqiv makes it unique per packet, so runs repeat.
 * Received ESP is authenticated and decrypted with the association its SPI names; anything that fails is dropped, as
 * xfrm_input does.
 */
public final class EspTransform {
    public static final int PROTOCOL = 50;
    private static final int ICV_BITS = 64;
    private static final int HEADER = 8;
    private static final int IV = 8;

    private final List<IpsecAssociation> associations;
    private final Map<IpsecAssociation, long[]> sequence = new HashMap<>();

    EspTransform(List<IpsecAssociation> associations) {
        this.associations = List.copyOf(associations);
    }

    static final EspTransform NONE = new EspTransform(List.of());

    /** The association that protects VXLAN of {@code vni} from {@code local} to {@code remote}, if one does. */
    Optional<IpsecAssociation> outbound(Ipv4Address local, Ipv4Address remote, int vni) {
        if (associations.isEmpty()) {
            return Optional.empty();   // every VXLAN datagram asks: keep the common case free of streams
        }
        return associations.stream().filter(a -> a.local().equals(local) && a.remote().equals(remote) && a.vnis().contains(vni)).findFirst();
    }

    /** Whether VXLAN of {@code vni} from {@code remote} must arrive inside ESP (Docker drops it otherwise). */
    boolean requiresEsp(Ipv4Address remote, int vni) {
        return !associations.isEmpty() && associations.stream().anyMatch(a -> a.remote().equals(remote) && a.vnis().contains(vni));
    }

    /** The UDP packet inside ESP: same addresses, protocol 50. */
    Ipv4Packet protect(IpsecAssociation a, Ipv4Packet plain) {
        byte[] udp = plain.payload().encode(plain.src(), plain.dst());
        long seq = ++sequence.computeIfAbsent(a, k -> new long[1])[0];
        // payload, then padding 1, 2, … so that payload + pad + 2 is a multiple of 4, then pad length and next header
        int pad = (4 - (udp.length + 2) % 4) % 4;
        byte[] clear = new byte[udp.length + pad + 2];
        System.arraycopy(udp, 0, clear, 0, udp.length);
        for (int i = 0; i < pad; i++) {
            clear[udp.length + i] = (byte) (i + 1);
        }
        clear[clear.length - 2] = (byte) pad;
        clear[clear.length - 1] = (byte) UdpDatagram.PROTOCOL;
        byte[] iv = ByteBuffer.allocate(IV).putLong(seq).array();
        byte[] header = ByteBuffer.allocate(HEADER).putInt((int) a.spiOut()).putInt((int) seq).array();
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, a.keyOutBytes(), iv, header, clear);
        byte[] esp = ByteBuffer.allocate(HEADER + IV + sealed.length).put(header).put(iv).put(sealed).array();
        return new Ipv4Packet(plain.src(), plain.dst(), plain.ttl(), plain.identification(), plain.dontFragment(),
                new OpaqueIpPayload(PROTOCOL, esp));
    }

    /** The packet ESP from {@code esp.src()} carried, or empty when no association knows its SPI or it fails to authenticate. */
    Optional<Ipv4Packet> unprotect(Ipv4Packet esp, byte[] bytes) {
        if (bytes.length < HEADER + IV + ICV_BITS / 8 + 2) {
            return Optional.empty();
        }
        long spi = Integer.toUnsignedLong(ByteBuffer.wrap(bytes, 0, 4).getInt());
        Optional<IpsecAssociation> a = associations.stream().filter(x -> x.spiIn() == spi && x.remote().equals(esp.src())).findFirst();
        if (a.isEmpty()) {
            return Optional.empty();
        }
        byte[] header = Arrays.copyOfRange(bytes, 0, HEADER);
        byte[] iv = Arrays.copyOfRange(bytes, HEADER, HEADER + IV);
        byte[] clear;
        try {
            clear = crypt(Cipher.DECRYPT_MODE, a.get().keyInBytes(), iv, header, Arrays.copyOfRange(bytes, HEADER + IV, bytes.length));
        } catch (IllegalStateException authenticationFailed) {
            return Optional.empty();
        }
        int next = clear[clear.length - 1] & 0xff;
        int pad = clear[clear.length - 2] & 0xff;
        if (next != UdpDatagram.PROTOCOL || pad + 2 > clear.length) {
            return Optional.empty();
        }
        UdpDatagram udp = UdpDatagram.decode(Arrays.copyOfRange(clear, 0, clear.length - 2 - pad));
        return Optional.of(new Ipv4Packet(esp.src(), esp.dst(), esp.ttl(), esp.identification(), esp.dontFragment(), udp));
    }

    /** The bytes ESP adds to a datagram of {@code udpLength} bytes: header, IV, padding, trailer and ICV. */
    static int expansion(int udpLength) {
        int pad = (4 - (udpLength + 2) % 4) % 4;
        return HEADER + IV + pad + 2 + ICV_BITS / 8;
    }

    /**
     * AES-GCM with a 64-bit ICV. The JDK's GCM makes only 96- to 128-bit tags, and a shorter GCM tag is the full tag's
     * first bytes (NIST SP 800-38D), so encryption truncates; decryption recovers the plaintext with the same counter
     * stream (AES-CTR from block 2) and then checks the ICV by encrypting it again.
     */
    private static byte[] crypt(int mode, byte[] key, byte[] iv, byte[] aad, byte[] data) {
        try {
            byte[] nonce = ByteBuffer.allocate(12).put(key, 16, 4).put(iv).array();
            SecretKeySpec aes = new SecretKeySpec(key, 0, 16, "AES");
            if (mode == Cipher.ENCRYPT_MODE) {
                return sealTruncated(aes, nonce, aad, data);
            }
            int icv = ICV_BITS / 8;
            if (data.length < icv) {
                throw new IllegalStateException("ESP authentication failed: shorter than its ICV");
            }
            byte[] body = Arrays.copyOfRange(data, 0, data.length - icv);
            Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ctr.init(Cipher.DECRYPT_MODE, aes, new javax.crypto.spec.IvParameterSpec(ByteBuffer.allocate(16).put(nonce).putInt(2).array()));
            byte[] clear = ctr.doFinal(body);
            byte[] expected = sealTruncated(aes, nonce, aad, clear);
            if (!java.security.MessageDigest.isEqual(Arrays.copyOfRange(expected, body.length, expected.length),
                    Arrays.copyOfRange(data, body.length, data.length))) {
                throw new IllegalStateException("ESP authentication failed");
            }
            return clear;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has AES/GCM and AES/CTR: " + e.getMessage(), e);
        }
    }

    /** GCM's ciphertext and the first 8 bytes of its tag. */
    private static byte[] sealTruncated(SecretKeySpec aes, byte[] nonce, byte[] aad, byte[] clear) throws GeneralSecurityException {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(128, nonce));
        gcm.updateAAD(aad);
        byte[] full = gcm.doFinal(clear);
        return Arrays.copyOf(full, clear.length + ICV_BITS / 8);
    }
}
