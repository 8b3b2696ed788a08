package io.netrig.sim.wire;

import java.util.Arrays;
import java.util.Optional;

/**
 * The 8-byte VXLAN header (RFC 7348) before the inner Ethernet frame in a UDP datagram: flags with only the I bit
 * (0x08, "the VNI is valid"), 24 reserved bits, the 24-bit VNI and 8 reserved bits.
 */
public record VxlanHeader(int vni) {
    public static final int LENGTH = 8;
    private static final int FLAG_VNI_VALID = 0x08;

    public VxlanHeader {
        if (vni < 0 || vni > 0xFFFFFF) {
            throw new IllegalArgumentException("a VNI has 24 bits, got " + vni);
        }
    }

    /** The UDP payload: this header, then {@code inner}. */
    public byte[] encapsulate(byte[] inner) {
        byte[] b = new byte[LENGTH + inner.length];
        b[0] = FLAG_VNI_VALID;
        BigEndian.put32(b, 4, vni << 8);
        System.arraycopy(inner, 0, b, LENGTH, inner.length);
        return b;
    }

    /** The header of a UDP payload, empty when it is too short or lacks the I flag (vxlan_rcv drops those). */
    public static Optional<VxlanHeader> decode(byte[] payload) {
        if (payload.length < LENGTH + EthernetFrame.HEADER_LENGTH || (payload[0] & FLAG_VNI_VALID) == 0) {
            return Optional.empty();
        }
        return Optional.of(new VxlanHeader(BigEndian.u32(payload, 4) >>> 8));
    }

    /** The inner Ethernet frame of a UDP payload that {@link #decode} accepted. */
    public static byte[] inner(byte[] payload) {
        return Arrays.copyOfRange(payload, LENGTH, payload.length);
    }
}
