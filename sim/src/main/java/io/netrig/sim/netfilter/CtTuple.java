package io.netrig.sim.netfilter;

import io.netrig.model.net.Ipv4Address;
import io.netrig.sim.wire.IcmpMessage;
import io.netrig.sim.wire.Ipv4Packet;
import io.netrig.sim.wire.OpaqueIpPayload;
import java.util.Objects;

/**
 * A connection-tracking tuple. For ICMP echo the identifier plays the role of both ports (as in Linux), so a
 * request and its reply have mirrored tuples.
 */
public record CtTuple(int protocol, Ipv4Address src, Ipv4Address dst, int srcPort, int dstPort) {
    public CtTuple {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
    }

    public static CtTuple of(Ipv4Packet p) {
        return switch (p.payload()) {
            case IcmpMessage m when m.isEcho() -> new CtTuple(IcmpMessage.PROTOCOL, p.src(), p.dst(), m.echoId(), m.echoId());
            case IcmpMessage m -> new CtTuple(IcmpMessage.PROTOCOL, p.src(), p.dst(), 0, 0);
            case OpaqueIpPayload o -> new CtTuple(o.protocol(), p.src(), p.dst(), port(o.bytes(), 0), port(o.bytes(), 2));
        };
    }

    private static int port(byte[] b, int offset) {
        return b.length >= offset + 2 ? (b[offset] & 0xff) << 8 | (b[offset + 1] & 0xff) : 0;
    }

    /** The tuple the other direction of this flow has. */
    public CtTuple inverse() {
        return new CtTuple(protocol, dst, src, dstPort, srcPort);
    }

    public CtTuple withSrc(Ipv4Address value) {
        return new CtTuple(protocol, value, dst, srcPort, dstPort);
    }

    public CtTuple withDst(Ipv4Address value) {
        return new CtTuple(protocol, src, value, srcPort, dstPort);
    }
}
