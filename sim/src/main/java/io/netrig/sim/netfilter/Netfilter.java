package io.netrig.sim.netfilter;

import io.netrig.model.firewall.CtState;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.firewall.Table;
import io.netrig.model.firewall.TableName;
import io.netrig.model.firewall.Target;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.LoadBalancer;
import io.netrig.sim.core.Trace;
import io.netrig.sim.wire.IcmpMessage;
import io.netrig.sim.wire.Ipv4Packet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The IPv4 netfilter of one namespace: runs a hook's tables in order, tracks connections, and applies NAT
 * bindings (decided by the nat table for a connection's first packet only, then reused and reversed for replies).
 */
public final class Netfilter {
    private static final Ipv4Address LOOPBACK = Ipv4Address.parse("127.0.0.1");
    private final Map<TableName, ChainWalker> tables = new EnumMap<>(TableName.class);
    private final String namespace;
    private final Conntrack conntrack;
    private final LocalAddresses local;
    private List<LoadBalancer> balancers = List.of();
    private int[] nextBackend = new int[0];

    public Netfilter(String namespace, Optional<Ruleset> ruleset, Conntrack conntrack, LocalAddresses local) {
        this.namespace = namespace;
        this.conntrack = conntrack;
        this.local = local;
        replaceRules(ruleset);
    }

    /**
     * Replaces every table at once, as iptables-restore commits a ruleset; conntrack, and with it the NAT bindings of
     * connections already tracked, stays.
     */
    public void replaceRules(Optional<Ruleset> ruleset) {
        tables.clear();
        ruleset.ifPresent(rs -> {
            for (Table t : rs.tables()) {
                tables.put(t.name(), new ChainWalker(namespace, t));
            }
        });
    }

    /**
     * Replaces the namespace's load balancers (IPVS services): connections they balanced keep their backend; the
     * round-robin position starts over, as for a newly added IPVS service.
     */
    public void replaceBalancers(List<LoadBalancer> next) {
        balancers = List.copyOf(next);
        nextBackend = new int[balancers.size()];
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
                Optional<HookResult.Stopped> stopped = decideNat(hook, p, ct, match, out, trace);
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
                    return new HookResult.Stopped(d.rule(), Optional.empty(), p);
                }
                case Verdict.Reject r -> {
                    return new HookResult.Stopped(r.rule(), Optional.of(r.rejection()), p);
                }
            }
        }
        // only a connection's own first packet confirms it; a RST or error attached to an unconfirmed one does not
        if (hook.confirmsHere() && ct.state() != CtState.RELATED && !ct.replyDirection()) {
            ct.connection().ifPresent(conntrack::confirm);
        }
        return new HookResult.Pass(p);
    }

    /** Consults the nat chain for a connection's first packet, once per kind of rewrite, and records the binding. */
    private Optional<HookResult.Stopped> decideNat(Hook hook, NfPacket p, CtInfo ct, PacketMatch match, String out, Trace trace) {
        if (hook.manip() == Hook.Manip.NONE || ct.connection().isEmpty() || ct.state() == CtState.RELATED) {
            return Optional.empty();
        }
        Connection c = ct.connection().get();
        if (c.confirmed() || c.natDecided(hook.manip()) || ct.replyDirection()) {
            return Optional.empty();
        }
        c.decideNat(hook.manip());
        ChainWalker walker = tables.get(TableName.NAT);
        if (walker == null) {
            balance(hook, c, match.ip(), trace);
            return Optional.empty();
        }
        return switch (walker.walk(hook.name(), match, trace)) {
            case Verdict.Accept a -> {
                balance(hook, c, match.ip(), trace);
                yield Optional.empty();
            }
            case Verdict.Drop d -> Optional.of(new HookResult.Stopped(d.rule(), Optional.empty(), p));
            case Verdict.Reject r -> Optional.of(new HookResult.Stopped(r.rule(), Optional.of(r.rejection()), p));
            case Verdict.Nat n -> {
                bind(c, hook.manip(), n.target(), match.ip(), match.in(), out, trace);
                yield Optional.empty();
            }
        };
    }

    /**
     * IPVS in this namespace, for a new connection no nat rule rewrote: at OUTPUT a connection to a service VIP, at
     * PREROUTING one to a published port of a local address, goes to the balancer's next backend (round robin, port
     * kept); at POSTROUTING a balanced connection gets the balancer's source NAT.
     */
    private void balance(Hook hook, Connection c, Ipv4Packet ip, Trace trace) {
        if (balancers.isEmpty()) {
            return;
        }
        if (hook.manip() == Hook.Manip.SRC) {
            c.balancedBy().flatMap(LoadBalancer::sourceNat).ifPresent(src -> snat(c, src, ip, trace));
            return;
        }
        CtTuple t = c.original();
        if (t.protocol() != IpProtocol.TCP.number() && t.protocol() != IpProtocol.UDP.number()) {
            return;
        }
        for (int i = 0; i < balancers.size(); i++) {
            LoadBalancer b = balancers.get(i);
            boolean matches = switch (b.frontend()) {
                case LoadBalancer.Vip(Ipv4Address vip) -> hook == Hook.OUTPUT && t.dst().equals(vip);
                case LoadBalancer.PublishedPort(IpProtocol protocol, int port) -> hook == Hook.PREROUTING
                        && t.protocol() == protocol.number() && t.dstPort() == port && local.isLocal(t.dst());
            };
            if (!matches || b.backends().isEmpty()) {
                continue;
            }
            Ipv4Address backend = b.backends().get(nextBackend[i]);
            nextBackend[i] = (nextBackend[i] + 1) % b.backends().size();
            CtTuple reply = c.reply();
            c.bindReply(reply.withSrc(backend, reply.srcPort()));
            c.balancedBy(b);
            trace.balanced("service " + b.service() + " " + b.frontend().describe() + " in " + namespace + " -> " + backend);
            if (trace.recording()) {
                trace.step("ipvs " + b.service() + " " + b.frontend().describe() + ": " + t.dst() + ":" + t.dstPort() + " -> "
                        + backend + ":" + t.dstPort() + " (round robin over " + b.backends().size() + ")");
            }
            return;
        }
    }

    private void bind(Connection c, Hook.Manip manip, Target target, Ipv4Packet ip, String in, String out, Trace trace) {
        CtTuple reply = c.reply();
        switch (target) {
            case Target.Dnat d when manip == Hook.Manip.DST -> {
                int port = reply.hasPorts() ? d.port().orElse(reply.srcPort()) : reply.srcPort();
                c.bindReply(reply.withSrc(d.to(), port));
                if (trace.recording()) {
                    trace.step("nat DNAT " + ip.dst() + portText(reply, reply.srcPort()) + " -> " + d.to() + portText(reply, port));
                }
            }
            case Target.Redirect r when manip == Hook.Manip.DST -> {
                // nf_nat_redirect_ipv4: to the primary address of the incoming interface, 127.0.0.1 for local packets
                Optional<Ipv4Address> to = in.isEmpty() ? Optional.of(LOOPBACK) : local.primaryOf(in);
                to.ifPresent(address -> {
                    int port = reply.hasPorts() ? r.port().orElse(reply.srcPort()) : reply.srcPort();
                    c.bindReply(reply.withSrc(address, port));
                    if (trace.recording()) {
                        trace.step("nat REDIRECT " + ip.dst() + portText(reply, reply.srcPort()) + " -> " + address + portText(reply, port));
                    }
                });
            }
            case Target.Snat s when manip == Hook.Manip.SRC -> snat(c, s.to(), ip, trace);
            case Target.Masquerade m when manip == Hook.Manip.SRC -> local.sourceFor(out, ip.dst()).ifPresent(a -> snat(c, a, ip, trace));
            // iptables refuses the other combinations; nothing to bind
            case Target.Dnat d -> { }
            case Target.Redirect r -> { }
            case Target.Snat s -> { }
            case Target.Masquerade m -> { }
            case Target.Accept a -> { }
            case Target.Drop d -> { }
            case Target.Reject r -> { }
            case Target.Return r -> { }
            case Target.Jump j -> { }
            case Target.Goto g -> { }
            case Target.Log l -> { }
        }
    }

    /**
     * Source NAT to {@code address}, keeping the source port unless another connection already has the resulting
     * reply tuple; then, as nf_nat_l4proto_unique_tuple, the next free port of the same class (below 512, 600-1023,
     * or 1024-65535) is taken, searching upwards from the original one so that the choice is deterministic.
     */
    private void snat(Connection c, Ipv4Address address, Ipv4Packet ip, Trace trace) {
        CtTuple reply = c.reply();
        int original = reply.dstPort();
        CtTuple wanted = reply.withDst(address, original);
        if (reply.hasPorts() && conntrack.inUse(wanted)) {
            int low = original < 512 ? 1 : original < 1024 ? 600 : 1024;
            int high = original < 512 ? 511 : original < 1024 ? 1023 : 65535;
            int span = high - low + 1;
            for (int i = 1; i < span; i++) {
                int port = low + (original - low + i) % span;
                CtTuple candidate = reply.withDst(address, port);
                if (!conntrack.inUse(candidate)) {
                    wanted = candidate;
                    break;
                }
            }
        }
        c.bindReply(wanted);
        if (trace.recording()) {
            trace.step("nat SNAT " + ip.src() + portText(reply, original) + " -> " + address + portText(reply, wanted.dstPort()));
        }
    }

    private static String portText(CtTuple tuple, int port) {
        return tuple.hasPorts() ? ":" + port : "";
    }

    /**
     * Rewrites the packet so its tuple becomes the one its direction's counterpart expects; only when the
     * connection has that kind of NAT, as nf_nat_packet checks its status bits. ICMP errors about a connection are
     * translated whole, as nf_nat_icmp_reply_translation does.
     */
    private static Ipv4Packet applyNat(Hook.Manip manip, CtInfo ct, Ipv4Packet ip) {
        if (manip == Hook.Manip.NONE || ct.connection().isEmpty()) {
            return ip;
        }
        Connection c = ct.connection().get();
        boolean reply = ct.replyDirection();
        boolean natted = manip == Hook.Manip.DST ? (reply ? c.sourceNatted() : c.destinationNatted())
                : (reply ? c.destinationNatted() : c.sourceNatted());
        if (!natted) {
            return ip;
        }
        if (ct.state() == CtState.RELATED && ip.payload() instanceof IcmpMessage m && m.isError()) {
            return translateError(manip, c, reply, ip, m);
        }
        // the counterpart direction's tuple, as that side sends or expects it
        CtTuple other = reply ? c.original() : c.reply();
        return manip == Hook.Manip.DST ? ip.withDestination(other.src(), other.srcPort()) : ip.withSource(other.dst(), other.dstPort());
    }

    /**
     * An ICMP error about a NATed connection: the quoted packet is put back the way its sender saw it, with the manip
     * opposite to this hook's (an error made after PREROUTING's DNAT only passes POSTROUTING), and the outer header
     * gets this hook's manip, from the tuple of the direction the quoted packet travelled in.
     */
    private static Ipv4Packet translateError(Hook.Manip manip, Connection c, boolean replyDirection, Ipv4Packet ip, IcmpMessage m) {
        Optional<Ipv4Packet> quoted = m.quoted();
        if (quoted.isEmpty()) {
            return ip;
        }
        CtTuple inner = CtTuple.of(quoted.get());
        CtTuple sent = replyDirection ? c.original() : c.reply();
        if (manip == Hook.Manip.SRC) {
            IcmpMessage fixed = m.withQuotedEndpoints(inner.src(), inner.srcPort(), sent.dst(), sent.dstPort());
            return ip.withSource(sent.dst(), -1).withPayload(fixed);
        }
        IcmpMessage fixed = m.withQuotedEndpoints(sent.src(), sent.srcPort(), inner.dst(), inner.dstPort());
        return ip.withDestination(sent.src(), -1).withPayload(fixed);
    }
}
