package io.netrig.sim.netfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.firewall.Chain;
import io.netrig.model.firewall.Match;
import io.netrig.model.firewall.Policy;
import io.netrig.model.firewall.Rule;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.firewall.Table;
import io.netrig.model.firewall.TableName;
import io.netrig.model.firewall.Target;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.topology.Provenance;
import io.netrig.model.firewall.CtState;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.sim.core.Trace;
import io.netrig.sim.wire.IcmpMessage;
import io.netrig.sim.wire.Ipv4Packet;
import io.netrig.sim.wire.TcpSegment;
import io.netrig.sim.wire.UdpDatagram;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NetfilterTest {
    private static final Ipv4Address A = Ipv4Address.parse("10.0.0.1");
    private static final Ipv4Address B = Ipv4Address.parse("10.0.1.1");

    private static final LocalAddresses LOCAL = new LocalAddresses() {
        @Override
        public boolean isLocal(Ipv4Address address) {
            return address.equals(B);
        }

        @Override
        public boolean isBroadcast(Ipv4Address address) {
            return false;
        }

        @Override
        public Optional<Ipv4Address> sourceFor(String device, Ipv4Address destination) {
            return Optional.of(Ipv4Address.parse("192.0.2.1"));
        }

        @Override
        public Optional<Ipv4Address> primaryOf(String device) {
            return Optional.of(B);
        }
    };

    private static Rule rule(Target target, Match... matches) {
        return Rule.of(target, Provenance.of("test"), matches);
    }

    private static Netfilter filter(Chain... chains) {
        return new Netfilter("ns", Optional.of(new Ruleset("ns", List.of(new Table(TableName.FILTER, List.of(chains))))),
                new Conntrack(() -> 0L), LOCAL);
    }

    private static HookResult forward(Netfilter nf, Ipv4Address src, Ipv4Address dst, String in, String out) {
        Ipv4Packet p = new Ipv4Packet(src, dst, 64, 1, true, IcmpMessage.echoRequest(7, 1, new byte[8]));
        return nf.run(Hook.FORWARD, NfPacket.untracked(p), in, out, false, Trace.none());
    }

    @Test
    void gotoDoesNotReturnToTheCallingChain() {
        Netfilter nf = filter(
                new Chain("FORWARD", Optional.of(Policy.ACCEPT), List.of(rule(new Target.Goto("G")), rule(new Target.Drop()))),
                new Chain("G", Optional.empty(), List.of()));
        assertInstanceOf(HookResult.Pass.class, forward(nf, A, B, "eth0", "eth1"), "falling off G ends at FORWARD's policy");
    }

    @Test
    void returnResumesAfterTheJump() {
        Netfilter nf = filter(
                new Chain("FORWARD", Optional.of(Policy.ACCEPT), List.of(rule(new Target.Jump("J")), rule(new Target.Drop()))),
                new Chain("J", Optional.empty(), List.of(rule(new Target.Return()), rule(new Target.Accept()))));
        HookResult.Stopped s = assertInstanceOf(HookResult.Stopped.class, forward(nf, A, B, "eth0", "eth1"));
        assertEquals(2, s.rule().index());
        assertEquals("-A FORWARD -j DROP", s.rule().text());
    }

    @Test
    void interfaceWildcardAndNegationMatchLikeIptables() {
        Netfilter nf = filter(new Chain("FORWARD", Optional.of(Policy.ACCEPT),
                List.of(rule(new Target.Drop(), new Match.InInterface("veth+", false), new Match.OutInterface("br-1", true)))));
        assertInstanceOf(HookResult.Stopped.class, forward(nf, A, B, "veth123", "eth0"));
        assertInstanceOf(HookResult.Pass.class, forward(nf, A, B, "veth123", "br-1"));
        assertInstanceOf(HookResult.Pass.class, forward(nf, A, B, "eth0", "eth1"));
        assertTrue(PacketMatch.nameMatches("+", ""));
        assertFalse(PacketMatch.nameMatches("eth0", ""));
    }

    @Test
    void addrtypeLocalAndSourcePrefixMatch() {
        Netfilter nf = filter(new Chain("FORWARD", Optional.of(Policy.ACCEPT), List.of(
                rule(new Target.Reject("icmp-host-prohibited"), new Match.AddressType(io.netrig.model.firewall.AddrType.LOCAL, false, false),
                        new Match.Source(Ipv4Prefix.parse("10.0.0.0/24"), false)))));
        HookResult.Stopped s = assertInstanceOf(HookResult.Stopped.class, forward(nf, A, B, "a", "b"));
        assertEquals(Optional.of(new Rejection.IcmpUnreachable(10)), s.rejection());
        assertInstanceOf(HookResult.Pass.class, forward(nf, B, A, "a", "b"));
    }

    @Test
    void policyDropIsNamedAsIndexZero() {
        Netfilter nf = filter(new Chain("FORWARD", Optional.of(Policy.DROP), List.of()));
        HookResult.Stopped s = assertInstanceOf(HookResult.Stopped.class, forward(nf, A, B, "a", "b"));
        assertEquals(0, s.rule().index());
        assertEquals("policy DROP", s.rule().text());
    }

    @Test
    void echoReplyMatchesTheRequestsConnection() {
        Netfilter nf = new Netfilter("ns", Optional.empty(), new Conntrack(() -> 0L), LOCAL);
        Ipv4Packet request = new Ipv4Packet(A, B, 64, 1, true, IcmpMessage.echoRequest(7, 1, new byte[8]));
        HookResult.Pass in = assertInstanceOf(HookResult.Pass.class, nf.run(Hook.PREROUTING, NfPacket.untracked(request), "e", "", false, Trace.none()));
        assertEquals(io.netrig.model.firewall.CtState.NEW, in.packet().ct().orElseThrow().state());
        nf.run(Hook.INPUT, in.packet(), "e", "", false, Trace.none());
        Ipv4Packet reply = new Ipv4Packet(B, A, 64, 2, false, IcmpMessage.echoRequest(7, 1, new byte[8]).echoReply());
        HookResult.Pass out = assertInstanceOf(HookResult.Pass.class, nf.run(Hook.OUTPUT, NfPacket.untracked(reply), "", "e", false, Trace.none()));
        assertEquals(io.netrig.model.firewall.CtState.ESTABLISHED, out.packet().ct().orElseThrow().state());
        assertEquals(1, nf.conntrack().size());
    }

    private static Ipv4Packet tcp(Ipv4Address src, int sport, Ipv4Address dst, int dport, int flags) {
        return new Ipv4Packet(src, dst, 64, 1, true, TcpSegment.of(sport, dport, 100, flags == TcpSegment.SYN ? 0 : 200, flags, 502));
    }

    private static Ipv4Packet udp(Ipv4Address src, int sport, Ipv4Address dst, int dport) {
        return new Ipv4Packet(src, dst, 64, 1, true, new UdpDatagram(sport, dport, new byte[1]));
    }

    private static HookResult forward(Netfilter nf, Ipv4Packet p) {
        return nf.run(Hook.FORWARD, NfPacket.untracked(p), "eth0", "eth1", false, Trace.none());
    }

    /** PREROUTING, then POSTROUTING out of {@code out}: a forwarded packet's trip through nat and conntrack. */
    private static Ipv4Packet route(Netfilter nf, Ipv4Packet p, String in, String out) {
        HookResult.Pass pre = assertInstanceOf(HookResult.Pass.class, nf.run(Hook.PREROUTING, NfPacket.untracked(p), in, "", false, Trace.none()));
        HookResult.Pass post = assertInstanceOf(HookResult.Pass.class, nf.run(Hook.POSTROUTING, pre.packet(), "", out, false, Trace.none()));
        return post.packet().ip();
    }

    private static CtState state(Netfilter nf, Ipv4Packet p) {
        HookResult.Pass pre = assertInstanceOf(HookResult.Pass.class, nf.run(Hook.PREROUTING, NfPacket.untracked(p), "e", "", false, Trace.none()));
        nf.run(Hook.INPUT, pre.packet(), "e", "", false, Trace.none());
        return pre.packet().ct().orElseThrow().state();
    }

    @Test
    void tcpDestinationPortMatchesTcpOnly() {
        Netfilter nf = filter(new Chain("FORWARD", Optional.of(Policy.ACCEPT), List.of(
                rule(new Target.Drop(), new Match.Protocol(IpProtocol.TCP, false), new Match.DestinationPort(80, 80, false)),
                rule(new Target.Drop(), new Match.Protocol(IpProtocol.UDP, false), new Match.SourcePort(53, 53, true)))));
        assertInstanceOf(HookResult.Stopped.class, forward(nf, tcp(A, 40000, B, 80, TcpSegment.SYN)));
        assertInstanceOf(HookResult.Pass.class, forward(nf, tcp(A, 40000, B, 81, TcpSegment.SYN)), "another port");
        assertInstanceOf(HookResult.Pass.class, forward(nf, udp(A, 53, B, 80)), "-p tcp: UDP to 80 passes");
        assertInstanceOf(HookResult.Stopped.class, forward(nf, udp(A, 54, B, 80)), "! --sport 53 matches 54");
        Ipv4Packet ping = new Ipv4Packet(A, B, 64, 1, true, IcmpMessage.echoRequest(7, 1, new byte[8]));
        assertInstanceOf(HookResult.Pass.class, forward(nf, ping), "a packet without ports never matches a port match, negated or not");
    }

    @Test
    void tcpConnectionsStartWithSynAndRepliesAreEstablished() {
        Netfilter nf = new Netfilter("ns", Optional.empty(), new Conntrack(() -> 0L), LOCAL);
        assertEquals(CtState.NEW, state(nf, tcp(A, 40000, B, 80, TcpSegment.SYN)));
        HookResult.Pass out = assertInstanceOf(HookResult.Pass.class,
                nf.run(Hook.OUTPUT, NfPacket.untracked(tcp(B, 80, A, 40000, TcpSegment.SYN | TcpSegment.ACK)), "", "e", false, Trace.none()));
        assertEquals(CtState.ESTABLISHED, out.packet().ct().orElseThrow().state());
        assertEquals(CtState.ESTABLISHED, state(nf, tcp(A, 40000, B, 80, TcpSegment.ACK)), "the original direction after a reply");
        assertEquals(CtState.INVALID, state(nf, tcp(A, 40001, B, 80, TcpSegment.SYN | TcpSegment.ACK)), "a SYN-ACK opens nothing");
        assertEquals(CtState.INVALID, state(nf, tcp(A, 40002, B, 80, TcpSegment.RST)), "nor does a RST");
        assertEquals(CtState.NEW, state(nf, tcp(A, 40003, B, 80, TcpSegment.ACK)), "nf_conntrack_tcp_loose picks up a bare ACK");
    }

    @Test
    void dnatToAnotherPortIsUndoneForTheReply() {
        Ipv4Address container = Ipv4Address.parse("172.17.0.2");
        Table nat = new Table(TableName.NAT, List.of(
                new Chain("PREROUTING", Optional.of(Policy.ACCEPT), List.of(rule(new Target.Dnat(container, Optional.of(80)),
                        new Match.Protocol(IpProtocol.TCP, false), new Match.DestinationPort(8080, 8080, false)))),
                new Chain("POSTROUTING", Optional.of(Policy.ACCEPT), List.of())));
        Netfilter nf = new Netfilter("ns", Optional.of(new Ruleset("ns", List.of(nat))), new Conntrack(() -> 0L), LOCAL);
        Ipv4Packet in = route(nf, tcp(A, 40000, B, 8080, TcpSegment.SYN), "eth0", "docker0");
        assertEquals(container, in.dst());
        assertEquals(80, ((TcpSegment) in.payload()).dstPort());
        Ipv4Packet back = route(nf, tcp(container, 80, A, 40000, TcpSegment.SYN | TcpSegment.ACK), "docker0", "eth0");
        assertEquals(B, back.src());
        assertEquals(8080, ((TcpSegment) back.payload()).srcPort());
    }

    @Test
    void masqueradeKeepsTheSourcePortUnlessTheReplyTupleIsTaken() {
        Table nat = new Table(TableName.NAT, List.of(
                new Chain("PREROUTING", Optional.of(Policy.ACCEPT), List.of()),
                new Chain("POSTROUTING", Optional.of(Policy.ACCEPT), List.of(rule(new Target.Masquerade(), new Match.OutInterface("eth0", false))))));
        Netfilter nf = new Netfilter("ns", Optional.of(new Ruleset("ns", List.of(nat))), new Conntrack(() -> 0L), LOCAL);
        Ipv4Address server = Ipv4Address.parse("198.51.100.1");
        Ipv4Packet first = route(nf, udp(Ipv4Address.parse("172.17.0.2"), 32768, server, 53), "docker0", "eth0");
        Ipv4Packet second = route(nf, udp(Ipv4Address.parse("172.17.0.3"), 32768, server, 53), "docker0", "eth0");
        assertEquals(Ipv4Address.parse("192.0.2.1"), first.src());
        assertEquals(32768, ((UdpDatagram) first.payload()).srcPort(), "port preserved");
        assertEquals(32769, ((UdpDatagram) second.payload()).srcPort(), "the next free port: 192.0.2.1:32768 is taken");
        Ipv4Packet reply = route(nf, udp(server, 53, Ipv4Address.parse("192.0.2.1"), 32769), "eth0", "docker0");
        assertEquals(Ipv4Address.parse("172.17.0.3"), reply.dst());
        assertEquals(32768, ((UdpDatagram) reply.payload()).dstPort());
    }

    private static Netfilter nat(Chain... chains) {
        return new Netfilter("ns", Optional.of(new Ruleset("ns", List.of(new Table(TableName.NAT, List.of(chains))))),
                new Conntrack(() -> 0L), LOCAL);
    }

    @Test
    void statisticNthMatchesEveryNthPacketLikeXtStatistic() {
        // --every 3 --packet 0: the counter starts at 0 and the packet that wraps it (the 3rd, 6th, ...) matches
        Netfilter nf = filter(new Chain("FORWARD", Optional.of(Policy.ACCEPT), List.of(rule(new Target.Drop(), new Match.Statistic(3, 0)))));
        List<Boolean> dropped = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            dropped.add(forward(nf, tcp(A, 40000 + i, B, 80, TcpSegment.SYN)) instanceof HookResult.Stopped);
        }
        assertEquals(List.of(false, false, true, false, false, true), dropped);
    }

    @Test
    void redirectSendsToTheIncomingInterfacesPrimaryAddress() {
        Netfilter nf = nat(new Chain("PREROUTING", Optional.of(Policy.ACCEPT), List.of(rule(new Target.Redirect(Optional.of(80)),
                new Match.Protocol(IpProtocol.TCP, false), new Match.DestinationPort(8080, 8080, false)))));
        HookResult.Pass pre = assertInstanceOf(HookResult.Pass.class,
                nf.run(Hook.PREROUTING, NfPacket.untracked(tcp(A, 40000, Ipv4Address.parse("10.0.0.9"), 8080, TcpSegment.SYN)), "eth0", "", false,
                        Trace.none()));
        assertEquals(B, pre.packet().ip().dst(), "the primary address of eth0");
        assertEquals(80, ((TcpSegment) pre.packet().ip().payload()).dstPort());
    }

    @Test
    void aLoadBalancerSpreadsNewConnectionsRoundRobinAndSourceNatsThem() {
        Netfilter nf = new Netfilter("ns", Optional.empty(), new Conntrack(() -> 0L), LOCAL);
        Ipv4Address t1 = Ipv4Address.parse("10.0.0.6");
        Ipv4Address t2 = Ipv4Address.parse("10.0.0.7");
        Ipv4Address self = Ipv4Address.parse("10.0.0.4");
        nf.replaceBalancers(List.of(new io.netrig.model.topology.LoadBalancer("ns",
                new io.netrig.model.topology.LoadBalancer.PublishedPort(IpProtocol.TCP, 8080), List.of(t1, t2), Optional.of(self), "web",
                Provenance.of("test"))));
        List<Ipv4Address> to = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Ipv4Packet out = route(nf, tcp(A, 40000 + i, B, 8080, TcpSegment.SYN), "eth1", "eth0");
            to.add(out.dst());
            assertEquals(self, out.src(), "balanced connections leave from the sandbox's own address");
            assertEquals(8080, ((TcpSegment) out.payload()).dstPort(), "the port is kept");
        }
        assertEquals(List.of(t1, t2, t1), to);
        // a port no balancer serves, and a destination that is not local, pass untouched
        assertEquals(B, route(nf, tcp(A, 41000, B, 9090, TcpSegment.SYN), "eth1", "eth0").dst());
        assertEquals(A, route(nf, tcp(B, 41001, A, 8080, TcpSegment.SYN), "eth1", "eth0").dst());
    }
}
