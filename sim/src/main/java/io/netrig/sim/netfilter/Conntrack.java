package io.netrig.sim.netfilter;

import io.netrig.model.firewall.CtState;
import io.netrig.sim.wire.IcmpMessage;
import io.netrig.sim.wire.Ipv4Packet;
import io.netrig.sim.wire.OpaqueIpPayload;
import io.netrig.sim.wire.TcpSegment;
import io.netrig.sim.wire.UdpDatagram;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The connection table of one namespace. A first packet creates an unconfirmed connection that enters the
 * table only when the packet leaves netfilter accepted, as in Linux; echo replies, ICMP errors, and TCP segments
 * other than SYN or a bare ACK never create one.
 */
public final class Conntrack {
    /** nf_conntrack_icmp_timeout and nf_conntrack_udp_timeout default to 30 s. */
    static final long TIMEOUT_NANOS = 30_000_000_000L;
    /** nf_conntrack_udp_timeout_stream: a UDP flow that has been answered. */
    static final long UDP_STREAM_TIMEOUT_NANOS = 120_000_000_000L;

    private final Map<CtTuple, Connection> table = new HashMap<>();
    private final LongSupplier clock;

    public Conntrack(LongSupplier clock) {
        this.clock = clock;
    }

    /** Looks the packet up, or starts a new (unconfirmed) connection when it may open one. */
    CtInfo track(Ipv4Packet p) {
        if (p.payload() instanceof IcmpMessage m && m.isError()) {
            // the error travels against the packet it quotes, so it belongs to the quoted tuple's inverse
            Optional<CtTuple> against = m.quoted().map(q -> CtTuple.of(q).inverse());
            return against.flatMap(this::find)
                    .map(c -> new CtInfo(CtState.RELATED, Optional.of(c), c.reply().equals(against.get())))
                    .orElse(CtInfo.invalid());
        }
        CtTuple tuple = CtTuple.of(p);
        Optional<Connection> found = find(tuple);
        if (found.isPresent()) {
            Connection c = found.get();
            boolean reply = !c.original().equals(tuple) && c.reply().equals(tuple);
            if (p.payload() instanceof TcpSegment t && !reply && t.isInitialSyn()
                    && c.tcpState().filter(TcpCtState::reopensOnSyn).isPresent()) {
                remove(c);  // a new connection on the tuple of a closed one: conntrack replaces it
            } else {
                if (reply) {
                    c.markSeenReply();
                }
                if (p.payload() instanceof TcpSegment t) {
                    c.onTcp(t, reply);
                }
                c.refresh(clock.getAsLong() + timeout(c));
                CtState state = reply || c.seenReply() ? CtState.ESTABLISHED : CtState.NEW;
                return new CtInfo(state, Optional.of(c), reply);
            }
        }
        Optional<TcpCtState> tcp = Optional.empty();
        switch (p.payload()) {
            case IcmpMessage m when m.type() != IcmpMessage.ECHO_REQUEST -> {
                return CtInfo.invalid();
            }
            case TcpSegment t -> {
                tcp = TcpCtState.opening(t);
                if (tcp.isEmpty()) {
                    return CtInfo.invalid();
                }
            }
            case IcmpMessage m -> { }
            case UdpDatagram u -> { }
            case OpaqueIpPayload o -> { }
        }
        Connection c = new Connection(tuple, tcp);
        c.refresh(clock.getAsLong() + timeout(c));
        return new CtInfo(CtState.NEW, Optional.of(c), false);
    }

    private static long timeout(Connection c) {
        if (c.tcpState().isPresent()) {
            return c.tcpState().get().timeoutNanos();
        }
        return c.original().protocol() == UdpDatagram.PROTOCOL && c.seenReply() ? UDP_STREAM_TIMEOUT_NANOS : TIMEOUT_NANOS;
    }

    void confirm(Connection c) {
        if (!c.confirmed()) {
            c.markConfirmed();
            table.put(c.original(), c);
            table.put(c.reply(), c);
        }
    }

    /** Whether a live connection already uses {@code tuple} in either direction (NAT must not make a second one). */
    boolean inUse(CtTuple tuple) {
        return find(tuple).isPresent();
    }

    private Optional<Connection> find(CtTuple tuple) {
        Connection c = table.get(tuple);
        if (c == null) {
            return Optional.empty();
        }
        if (c.expiresAt() < clock.getAsLong()) {
            remove(c);
            return Optional.empty();
        }
        return Optional.of(c);
    }

    private void remove(Connection c) {
        table.remove(c.original(), c);
        table.remove(c.reply(), c);
    }

    /** Connections currently in the table. */
    public int size() {
        return (int) table.values().stream().distinct().count();
    }
}
