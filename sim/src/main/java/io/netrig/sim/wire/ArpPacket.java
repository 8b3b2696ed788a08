package io.netrig.sim.wire;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.MacAddress;
import java.util.Objects;

/** An ARP request or reply for IPv4 over Ethernet (RFC 826). */
public record ArpPacket(int operation, MacAddress senderMac, Ipv4Address senderIp, MacAddress targetMac, Ipv4Address targetIp)
        implements EtherPayload {
    public static final int REQUEST = 1;
    public static final int REPLY = 2;
    private static final int LENGTH = 28;

    public ArpPacket {
        if (operation != REQUEST && operation != REPLY) {
            throw new IllegalArgumentException("ARP operation must be 1 (request) or 2 (reply), got " + operation);
        }
        Objects.requireNonNull(senderMac, "senderMac");
        Objects.requireNonNull(senderIp, "senderIp");
        Objects.requireNonNull(targetMac, "targetMac");
        Objects.requireNonNull(targetIp, "targetIp");
    }

    public static ArpPacket request(MacAddress mac, Ipv4Address ip, Ipv4Address target) {
        return new ArpPacket(REQUEST, mac, ip, MacAddress.ZERO, target);
    }

    public ArpPacket replyFrom(MacAddress mac) {
        return new ArpPacket(REPLY, mac, targetIp, senderMac, senderIp);
    }

    public boolean isRequest() {
        return operation == REQUEST;
    }

    @Override
    public int etherType() {
        return EthernetFrame.ETHERTYPE_ARP;
    }

    @Override
    public byte[] encode() {
        byte[] b = new byte[LENGTH];
        b[1] = 1;                 // hardware type Ethernet
        b[2] = 0x08;              // protocol type IPv4
        b[4] = 6;
        b[5] = 4;
        b[7] = (byte) operation;
        senderMac.writeTo(b, 8);
        senderIp.writeTo(b, 14);
        targetMac.writeTo(b, 18);
        targetIp.writeTo(b, 24);
        return b;
    }

    public static ArpPacket decode(byte[] b) {
        if (b.length < LENGTH) {
            throw new IllegalArgumentException("an IPv4 ARP packet has 28 bytes, got " + b.length);
        }
        return new ArpPacket((b[6] & 0xff) << 8 | (b[7] & 0xff), MacAddress.fromBytes(b, 8), Ipv4Address.fromBytes(b, 14),
                MacAddress.fromBytes(b, 18), Ipv4Address.fromBytes(b, 24));
    }

    public String summary() {
        return isRequest() ? "ARP who-has " + targetIp + " tell " + senderIp : "ARP " + senderIp + " is-at " + senderMac;
    }
}
