package io.netrig.model.pcap;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.MacAddress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds frames byte by byte, as they appear on the wire, for decoder tests. */
final class TestFrames {
    private TestFrames() {
    }

    static byte[] ethernet(String dst, String src, int type, byte[] payload, int... vlans) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(mac(dst));
        out.writeBytes(mac(src));
        for (int vlan : vlans) {
            u16(out, 0x8100);
            u16(out, vlan);
        }
        u16(out, type);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    static byte[] arp(int op, String sha, String spa, String tha, String tpa) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, 1);
        u16(out, 0x0800);
        out.write(6);
        out.write(4);
        u16(out, op);
        out.writeBytes(mac(sha));
        out.writeBytes(Ipv4Address.parse(spa).toBytes());
        out.writeBytes(mac(tha));
        out.writeBytes(Ipv4Address.parse(tpa).toBytes());
        return out.toByteArray();
    }

    static byte[] ipv4(String src, String dst, int protocol, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x45);
        out.write(0);
        u16(out, 20 + payload.length);
        u16(out, 1);
        u16(out, 0x4000);
        out.write(64);
        out.write(protocol);
        u16(out, 0);
        out.writeBytes(Ipv4Address.parse(src).toBytes());
        out.writeBytes(Ipv4Address.parse(dst).toBytes());
        out.writeBytes(payload);
        return out.toByteArray();
    }

    static byte[] icmpEcho(int type, int id, int seq) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.write(0);
        u16(out, 0);
        u16(out, id);
        u16(out, seq);
        out.writeBytes("abcdefgh".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static byte[] udp(int sport, int dport, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, sport);
        u16(out, dport);
        u16(out, 8 + payload.length);
        u16(out, 0);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    static byte[] tcp(int sport, int dport, int flags) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, sport);
        u16(out, dport);
        out.writeBytes(new byte[8]);
        out.write(0x50);
        out.write(flags);
        u16(out, 64240);
        u16(out, 0);
        u16(out, 0);
        return out.toByteArray();
    }

    static byte[] vxlan(int vni, byte[] inner) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x08);
        out.writeBytes(new byte[3]);
        out.write(vni >>> 16);
        out.write(vni >>> 8);
        out.write(vni);
        out.write(0);
        out.writeBytes(inner);
        return out.toByteArray();
    }

    private static byte[] mac(String text) {
        byte[] b = new byte[6];
        MacAddress.parse(text).writeTo(b, 0);
        return b;
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }
}
