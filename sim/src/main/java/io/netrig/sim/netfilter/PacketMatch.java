package io.netrig.sim.netfilter;

import io.netrig.model.firewall.AddrType;
import io.netrig.model.firewall.CtState;
import io.netrig.model.firewall.Match;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.sim.wire.IcmpMessage;
import io.netrig.sim.wire.Ipv4Packet;
import io.netrig.sim.wire.OpaqueIpPayload;
import io.netrig.sim.wire.TcpSegment;
import io.netrig.sim.wire.UdpDatagram;
import java.util.Objects;

/**
 * A packet as rules see it at one hook: interfaces are empty strings where the hook has none (OUTPUT has no
 * input interface), which is also how iptables compares them.
 */
record PacketMatch(Ipv4Packet ip, String in, String out, boolean bridged, CtInfo ct, LocalAddresses local) {
    private static final Ipv4Prefix MULTICAST = Ipv4Prefix.parse("224.0.0.0/4");

    PacketMatch {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(ct, "ct");
        Objects.requireNonNull(local, "local");
    }

    boolean matches(Match match) {
        return switch (match) {
            case Match.InInterface(String pattern, boolean negated) -> nameMatches(pattern, in) != negated;
            case Match.OutInterface(String pattern, boolean negated) -> nameMatches(pattern, out) != negated;
            case Match.Source(Ipv4Prefix prefix, boolean negated) -> prefix.contains(ip.src()) != negated;
            case Match.Destination(Ipv4Prefix prefix, boolean negated) -> prefix.contains(ip.dst()) != negated;
            case Match.Protocol p -> (ip.protocol() == p.protocol().number()) != p.negated();
            // ports belong to the tcp/udp match: a packet without ports fails it whatever the '!'
            case Match.DestinationPort(int from, int to, boolean negated) -> hasPorts() && inRange(port(false), from, to) != negated;
            case Match.SourcePort(int from, int to, boolean negated) -> hasPorts() && inRange(port(true), from, to) != negated;
            case Match.Conntrack c -> stateMatches(c) != c.negated();
            case Match.AddressType(AddrType type, boolean source, boolean negated) ->
                    isType(source ? ip.src() : ip.dst(), type) != negated;
            case Match.PhysdevIsBridged(boolean negated) -> bridged != negated;
            // the icmp match: an ICMP message of that type ('!' inverts the type, not the protocol)
            case Match.IcmpType(int type, boolean negated) -> ip.payload() instanceof IcmpMessage m && (m.type() == type) != negated;
            // kept per rule by the chain walker, which never asks here
            case Match.Statistic s -> throw new IllegalStateException("statistic is matched by the chain walker");
        };
    }

    /** iptables interface names: a trailing '+' matches every name with that prefix. */
    static boolean nameMatches(String pattern, String name) {
        if (pattern.endsWith("+")) {
            return name.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(name);
    }

    private boolean stateMatches(Match.Conntrack c) {
        if (c.states().contains(ct.state())) {
            return true;
        }
        return ct.connection().map(conn -> c.states().contains(CtState.SNAT) && conn.sourceNatted()
                || c.states().contains(CtState.DNAT) && conn.destinationNatted()).orElse(false);
    }

    private boolean isType(Ipv4Address a, AddrType type) {
        boolean broadcast = a.equals(Ipv4Address.BROADCAST) || local.isBroadcast(a);
        boolean multicast = MULTICAST.contains(a);
        return switch (type) {
            case LOCAL -> local.isLocal(a);
            case BROADCAST -> broadcast;
            case MULTICAST -> multicast;
            case UNICAST -> !local.isLocal(a) && !broadcast && !multicast && !a.equals(Ipv4Address.ANY);
        };
    }

    private boolean hasPorts() {
        return switch (ip.payload()) {
            case TcpSegment t -> true;
            case UdpDatagram u -> true;
            case OpaqueIpPayload o -> o.hasPorts();
            case IcmpMessage m -> false;
        };
    }

    private int port(boolean source) {
        return switch (ip.payload()) {
            case TcpSegment t -> source ? t.srcPort() : t.dstPort();
            case UdpDatagram u -> source ? u.srcPort() : u.dstPort();
            case OpaqueIpPayload o -> source ? o.sourcePort() : o.destinationPort();
            case IcmpMessage m -> 0;
        };
    }

    private static boolean inRange(int port, int from, int to) {
        return port >= from && port <= to;
    }
}
