package io.netrig.sim.wire;

import io.netrig.model.net.MacAddress;
import java.util.Arrays;
import java.util.Objects;

/** An Ethernet II frame without FCS, as captures on Linux interfaces show it. */
public record EthernetFrame(MacAddress dst, MacAddress src, EtherPayload payload) {
    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int HEADER_LENGTH = 14;

    public EthernetFrame {
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(payload, "payload");
    }

    public byte[] encode() {
        byte[] body = payload.encode();
        byte[] out = new byte[HEADER_LENGTH + body.length];
        dst.writeTo(out, 0);
        src.writeTo(out, 6);
        out[12] = (byte) (payload.etherType() >>> 8);
        out[13] = (byte) payload.etherType();
        System.arraycopy(body, 0, out, HEADER_LENGTH, body.length);
        return out;
    }

    public static EthernetFrame decode(byte[] bytes) {
        if (bytes.length < HEADER_LENGTH) {
            throw new IllegalArgumentException("an Ethernet frame has at least 14 bytes, got " + bytes.length);
        }
        int type = (bytes[12] & 0xff) << 8 | (bytes[13] & 0xff);
        byte[] body = Arrays.copyOfRange(bytes, HEADER_LENGTH, bytes.length);
        EtherPayload payload = switch (type) {
            case ETHERTYPE_IPV4 -> Ipv4Packet.decode(body);
            case ETHERTYPE_ARP -> ArpPacket.decode(body);
            default -> new OpaquePayload(type, body);
        };
        return new EthernetFrame(MacAddress.fromBytes(bytes, 0), MacAddress.fromBytes(bytes, 6), payload);
    }

    /** One line for traces: {@code ARP who-has 10.0.0.2 tell 10.0.0.1}. */
    public String summary() {
        return switch (payload) {
            case ArpPacket a -> a.summary();
            case Ipv4Packet p -> p.summary();
            case OpaquePayload o -> "ethertype 0x" + Integer.toHexString(o.etherType());
        };
    }
}
