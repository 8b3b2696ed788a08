package io.netrig.model.topology;

import io.netrig.model.net.Ipv4Address;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An IPsec ESP pairing in transport mode between one of a namespace's addresses and a peer, as Docker's overlay driver
 * programs it for encrypted overlay networks (xfrm states and policies, AES-GCM, {@code rfc4106(gcm(aes))} with a
 * 64-bit ICV): VXLAN datagrams (UDP to {@code port}) from {@code local} to {@code remote} whose VNI is one of
 * {@code vnis} leave inside ESP with SPI {@code spiOut} and key {@code keyOut}; ESP from {@code remote} with
 * {@code spiIn} is decrypted with {@code keyIn}; and VXLAN of those VNIs that arrives from {@code remote} without ESP is
 * dropped (Docker's {@code -m policy --dir in --pol none -j DROP} rule).
 *
 * @param keyOut 20 bytes as 40 hex digits: a 128-bit AES key and the 4-byte salt of RFC 4106
 */
public record IpsecAssociation(String namespace, Ipv4Address local, Ipv4Address remote, int port, List<Integer> vnis, long spiOut,
                               String keyOut, long spiIn, String keyIn, Provenance provenance) {
    /** ESP's growth of a packet as libnetwork counts it (SPI, sequence, IV, pad length, next header, ICV). */
    public static final int PACKET_EXPANSION = 26;

    public IpsecAssociation {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        vnis = List.copyOf(vnis);
        checkKey(keyOut);
        checkKey(keyIn);
        Objects.requireNonNull(provenance, "provenance");
        if (spiOut < 0x100 || spiOut > 0xffffffffL || spiIn < 0x100 || spiIn > 0xffffffffL) {
            throw new IllegalArgumentException("SPIs are 256-4294967295, got " + spiOut + " and " + spiIn);
        }
    }

    private static void checkKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.length() != 40 || !key.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("an rfc4106(gcm(aes)) key is 20 bytes as 40 hex digits, got '" + key + "'");
        }
    }

    public byte[] keyOutBytes() {
        return HexFormat.of().parseHex(keyOut);
    }

    public byte[] keyInBytes() {
        return HexFormat.of().parseHex(keyIn);
    }
}
