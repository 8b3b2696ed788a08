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
import io.netrig.sim.core.Trace;
import io.netrig.sim.wire.IcmpMessage;
import io.netrig.sim.wire.Ipv4Packet;
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
        assertEquals(Optional.of(10), s.rejectCode());
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
}
