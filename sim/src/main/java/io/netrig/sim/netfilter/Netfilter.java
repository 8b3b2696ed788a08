package io.netrig.sim.netfilter;

import io.netrig.model.firewall.Ruleset;
import io.netrig.model.firewall.Table;
import io.netrig.model.firewall.TableName;
import io.netrig.model.firewall.Target;
import io.netrig.model.net.Ipv4Address;
import io.netrig.sim.core.Trace;
import io.netrig.sim.wire.Ipv4Packet;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The IPv4 netfilter of one namespace: runs a hook's tables in order, tracks connections, and applies NAT
 * bindings (decided by the nat table for a connection's first packet only, then reused and reversed for replies).
 */
public final class Netfilter {
    private final Map<TableName, ChainWalker> tables = new EnumMap<>(TableName.class);
    private final Conntrack conntrack;
    private final LocalAddresses local;

    public Netfilter(String namespace, Optional<Ruleset> ruleset, Conntrack conntrack, LocalAddresses local) {
        this.conntrack = conntrack;
        this.local = local;
        ruleset.ifPresent(rs -> {
            for (Table t : rs.tables()) {
                tables.put(t.name(), new ChainWalker(namespace, t));
            }
        });
    }

    public Conntrack conntrack() {
        return conntrack;
    }

    /**
     * Runs {@code hook}; {@code in} and {@code out} are interface names or "" where the hook has none, and
     * {@code bridged} says the packet is being bridged (seen through br_netfilter).
     */
    public HookResult run(Hook hook, NfPacket packet, String in, String out, boolean bridged, Trace trace) {
        NfPacket p = packet;
        if (hook.tracksHere() && p.ct().isEmpty()) {
            p = new NfPacket(p.ip(), Optional.of(conntrack.track(p.ip())));
        }
        CtInfo ct = p.ct().orElseGet(CtInfo::invalid);
        for (TableName name : hook.tables()) {
            PacketMatch match = new PacketMatch(p.ip(), in, out, bridged, ct, local);
            if (name == TableName.NAT) {
                Optional<HookResult.Stopped> stopped = decideNat(hook, ct, match, out, trace);
                if (stopped.isPresent()) {
                    return stopped.get();
                }
                p = p.withIp(applyNat(hook.manip(), ct, p.ip()));
                continue;
            }
            ChainWalker walker = tables.get(name);
            if (walker == null) {
                continue;
            }
            switch (walker.walk(hook.name(), match, trace)) {
                case Verdict.Accept a -> { }
                case Verdict.Nat n -> { }
                case Verdict.Drop d -> {
                    return new HookResult.Stopped(d.rule(), Optional.empty());
                }
                case Verdict.Reject r -> {
                    return new HookResult.Stopped(r.rule(), Optional.of(r.code()));
                }
            }
        }
        if (hook.confirmsHere()) {
            ct.connection().ifPresent(conntrack::confirm);
        }
        return new HookResult.Pass(p);
    }

    /** Consults the nat chain for a connection's first packet, once per kind of rewrite, and records the binding. */
    private Optional<HookResult.Stopped> decideNat(Hook hook, CtInfo ct, PacketMatch match, String out, Trace trace) {
        if (hook.manip() == Hook.Manip.NONE || ct.connection().isEmpty()) {
            return Optional.empty();
        }
        Connection c = ct.connection().get();
        if (c.confirmed() || c.natDecided(hook.manip()) || ct.replyDirection()) {
            return Optional.empty();
        }
        c.decideNat(hook.manip());
        ChainWalker walker = tables.get(TableName.NAT);
        if (walker == null) {
            return Optional.empty();
        }
        return switch (walker.walk(hook.name(), match, trace)) {
            case Verdict.Accept a -> Optional.empty();
            case Verdict.Drop d -> Optional.of(new HookResult.Stopped(d.rule(), Optional.empty()));
            case Verdict.Reject r -> Optional.of(new HookResult.Stopped(r.rule(), Optional.of(r.code())));
            case Verdict.Nat n -> {
                bind(c, hook.manip(), n.target(), match.ip(), out, trace);
                yield Optional.empty();
            }
        };
    }

    private void bind(Connection c, Hook.Manip manip, Target target, Ipv4Packet ip, String out, Trace trace) {
        Optional<Ipv4Address> to = switch (target) {
            case Target.Dnat d when manip == Hook.Manip.DST -> Optional.of(d.to());
            case Target.Snat s when manip == Hook.Manip.SRC -> Optional.of(s.to());
            case Target.Masquerade m when manip == Hook.Manip.SRC -> local.sourceFor(out, ip.dst());
            default -> Optional.empty(); // iptables refuses these combinations; nothing to bind
        };
        to.ifPresent(address -> {
            c.bindSource(manip == Hook.Manip.DST ? c.reply().withSrc(address) : c.reply().withDst(address));
            if (trace.recording()) {
                trace.step("nat " + (manip == Hook.Manip.DST ? "DNAT " + ip.dst() : "SNAT " + ip.src()) + " -> " + address);
            }
        });
    }

    /**
     * Rewrites the packet so its tuple becomes the one its direction's counterpart expects; only when the
     * connection has that kind of NAT, as nf_nat_packet checks its status bits.
     */
    private static Ipv4Packet applyNat(Hook.Manip manip, CtInfo ct, Ipv4Packet ip) {
        if (manip == Hook.Manip.NONE || ct.connection().isEmpty()) {
            return ip;
        }
        Connection c = ct.connection().get();
        boolean reply = ct.replyDirection();
        if (manip == Hook.Manip.DST) {
            boolean natted = reply ? c.sourceNatted() : c.destinationNatted();
            return natted ? ip.withDst(reply ? c.original().src() : c.reply().src()) : ip;
        }
        boolean natted = reply ? c.destinationNatted() : c.sourceNatted();
        return natted ? ip.withSrc(reply ? c.original().dst() : c.reply().dst()) : ip;
    }
}
