package io.netrig.sim.netfilter;

import io.netrig.model.firewall.CtState;
import io.netrig.sim.wire.IcmpMessage;
import io.netrig.sim.wire.Ipv4Packet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The connection table of one namespace. A first packet creates an unconfirmed connection that enters the
 * table only when the packet leaves netfilter accepted, as in Linux; echo replies and ICMP errors never create one.
 */
public final class Conntrack {
    /** nf_conntrack_icmp_timeout and nf_conntrack_udp_timeout default to 30 s. */
    static final long TIMEOUT_NANOS = 30_000_000_000L;

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
            c.refresh(clock.getAsLong() + TIMEOUT_NANOS);
            boolean reply = !c.original().equals(tuple) && c.reply().equals(tuple);
            if (reply) {
                c.markSeenReply();
            }
            CtState state = reply || c.seenReply() ? CtState.ESTABLISHED : CtState.NEW;
            return new CtInfo(state, Optional.of(c), reply);
        }
        if (p.payload() instanceof IcmpMessage m && m.type() != IcmpMessage.ECHO_REQUEST) {
            return CtInfo.invalid();
        }
        return new CtInfo(CtState.NEW, Optional.of(new Connection(tuple, clock.getAsLong() + TIMEOUT_NANOS)), false);
    }

    void confirm(Connection c) {
        if (!c.confirmed()) {
            c.markConfirmed();
            table.put(c.original(), c);
            table.put(c.reply(), c);
        }
    }

    private Optional<Connection> find(CtTuple tuple) {
        Connection c = table.get(tuple);
        if (c == null) {
            return Optional.empty();
        }
        if (c.expiresAt() < clock.getAsLong()) {
            table.remove(c.original());
            table.remove(c.reply());
            return Optional.empty();
        }
        return Optional.of(c);
    }

    /** Connections currently in the table. */
    public int size() {
        return (int) table.values().stream().distinct().count();
    }
}
