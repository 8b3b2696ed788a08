package io.netrig.sim.wire;

import io.netrig.model.net.Ipv4Address;
import java.util.Arrays;
import java.util.Objects;

/** An IPv4 packet with a 20-byte header (no options), as Linux sends ICMP, TCP and UDP. */
public record Ipv4Packet(Ipv4Address src, Ipv4Address dst, int ttl, int identification, boolean dontFragment, IpPayload payload)
        implements EtherPayload {
    public static final int HEADER_LENGTH = 20;

    public Ipv4Packet {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(payload, "payload");
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("TTL must be 0-255, got " + ttl);
        }
        identification &= 0xffff;
    }

    public int protocol() {
        return payload.protocol();
    }

    /** With another source, and for TCP/UDP another source port (NAT). */
    public Ipv4Packet withSource(Ipv4Address value, int port) {
        return new Ipv4Packet(value, dst, ttl, identification, dontFragment, withPorts(port, -1));
    }

    /** With another destination, and for TCP/UDP another destination port (NAT). */
    public Ipv4Packet withDestination(Ipv4Address value, int port) {
        return new Ipv4Packet(src, value, ttl, identification, dontFragment, withPorts(-1, port));
    }

    /** The payload with new ports where given (not -1); only TCP and UDP have ports to change. */
    private IpPayload withPorts(int srcPort, int dstPort) {
        return switch (payload) {
            case TcpSegment t -> t.withPorts(srcPort < 0 ? t.srcPort() : srcPort, dstPort < 0 ? t.dstPort() : dstPort);
            case UdpDatagram u -> u.withPorts(srcPort < 0 ? u.srcPort() : srcPort, dstPort < 0 ? u.dstPort() : dstPort);
            case IcmpMessage m -> m;
            case OpaqueIpPayload o -> o;
        };
    }

    public Ipv4Packet withPayload(IpPayload value) {
        return new Ipv4Packet(src, dst, ttl, identification, dontFragment, value);
    }

    public Ipv4Packet withTtl(int value) {
        return new Ipv4Packet(src, dst, value, identification, dontFragment, payload);
    }

    @Override
    public int etherType() {
        return EthernetFrame.ETHERTYPE_IPV4;
    }

    @Override
    public byte[] encode() {
        byte[] body = payload.encode(src, dst);
        byte[] b = new byte[HEADER_LENGTH + body.length];
        b[0] = 0x45;
        b[2] = (byte) (b.length >>> 8);
        b[3] = (byte) b.length;
        b[4] = (byte) (identification >>> 8);
        b[5] = (byte) identification;
        b[6] = (byte) (dontFragment ? 0x40 : 0);
        b[8] = (byte) ttl;
        b[9] = (byte) payload.protocol();
        src.writeTo(b, 12);
        dst.writeTo(b, 16);
        int sum = InternetChecksum.of(b, 0, HEADER_LENGTH);
        b[10] = (byte) (sum >>> 8);
        b[11] = (byte) sum;
        System.arraycopy(body, 0, b, HEADER_LENGTH, body.length);
        return b;
    }

    public static Ipv4Packet decode(byte[] b) {
        return decode(b, false);
    }

    /**
     * Decodes the copy of a packet an ICMP error quotes, which may be truncated: the payload is kept as raw bytes
     * (whose first bytes are the ports for TCP and UDP) unless it is ICMP.
     */
    public static Ipv4Packet decodeQuoted(byte[] b) {
        return decode(b, true);
    }

    private static Ipv4Packet decode(byte[] b, boolean quoted) {
        if (b.length < HEADER_LENGTH || (b[0] & 0xf0) != 0x40) {
            throw new IllegalArgumentException("not an IPv4 packet (" + b.length + " bytes)");
        }
        int headerLength = (b[0] & 0x0f) * 4;
        int total = quoted ? b.length : Math.min(b.length, (b[2] & 0xff) << 8 | (b[3] & 0xff));
        int protocol = b[9] & 0xff;
        byte[] body = Arrays.copyOfRange(b, Math.min(headerLength, total), total);
        IpPayload payload;
        if (protocol == IcmpMessage.PROTOCOL && body.length >= 8) {
            payload = IcmpMessage.decode(body);
        } else if (!quoted && protocol == TcpSegment.PROTOCOL && body.length >= TcpSegment.HEADER_LENGTH) {
            payload = TcpSegment.decode(body);
        } else if (!quoted && protocol == UdpDatagram.PROTOCOL && body.length >= UdpDatagram.HEADER_LENGTH) {
            payload = UdpDatagram.decode(body);
        } else {
            payload = new OpaqueIpPayload(protocol, body);
        }
        return new Ipv4Packet(Ipv4Address.fromBytes(b, 12), Ipv4Address.fromBytes(b, 16), b[8] & 0xff,
                (b[4] & 0xff) << 8 | (b[5] & 0xff), (b[6] & 0x40) != 0, payload);
    }

    /** One line for traces: {@code 10.0.0.1:32768 > 10.0.0.2:80 TCP [S] seq 1 win 64240}. */
    public String summary() {
        return switch (payload) {
            case IcmpMessage m -> src + " > " + dst + " " + m.summary();
            case TcpSegment t -> src + ":" + t.srcPort() + " > " + dst + ":" + t.dstPort() + " " + t.summary();
            case UdpDatagram u -> src + ":" + u.srcPort() + " > " + dst + ":" + u.dstPort() + " " + u.summary();
            case OpaqueIpPayload o -> src + " > " + dst + " IP protocol " + o.protocol();
        };
    }
}
