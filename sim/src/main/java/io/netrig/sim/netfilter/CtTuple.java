package io.netrig.sim.netfilter;

import io.netrig.model.net.Ipv4Address;
import io.netrig.sim.wire.IcmpMessage;
import io.netrig.sim.wire.IpPayload;
import io.netrig.sim.wire.Ipv4Packet;
import io.netrig.sim.wire.OpaqueIpPayload;
import io.netrig.sim.wire.TcpSegment;
import io.netrig.sim.wire.UdpDatagram;
import java.util.Objects;

/**
 * A connection-tracking tuple: protocol, addresses and ports. For ICMP echo the identifier plays the role of both
 * ports (as in Linux), so a request and its reply have mirrored tuples.
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
            case TcpSegment t -> new CtTuple(TcpSegment.PROTOCOL, p.src(), p.dst(), t.srcPort(), t.dstPort());
            case UdpDatagram u -> new CtTuple(UdpDatagram.PROTOCOL, p.src(), p.dst(), u.srcPort(), u.dstPort());
            case OpaqueIpPayload o when o.hasPorts() ->
                    new CtTuple(o.protocol(), p.src(), p.dst(), o.sourcePort(), o.destinationPort());
            case OpaqueIpPayload o -> new CtTuple(o.protocol(), p.src(), p.dst(), 0, 0);
        };
    }

    /** Whether the protocol has ports NAT may change (TCP and UDP). */
    public boolean hasPorts() {
        return IpPayload.hasPorts(protocol);
    }

    /** The tuple the other direction of this flow has. */
    public CtTuple inverse() {
        return new CtTuple(protocol, dst, src, dstPort, srcPort);
    }

    public CtTuple withSrc(Ipv4Address value, int port) {
        return new CtTuple(protocol, value, dst, port, dstPort);
    }

    public CtTuple withDst(Ipv4Address value, int port) {
        return new CtTuple(protocol, src, value, srcPort, port);
    }

    @Override
    public String toString() {
        return src + ":" + srcPort + " > " + dst + ":" + dstPort + " proto " + protocol;
    }
}
