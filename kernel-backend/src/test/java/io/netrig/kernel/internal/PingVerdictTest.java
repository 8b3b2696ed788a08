package io.netrig.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netrig.kernel.netns.Errno;
import io.netrig.model.NetrigException;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.RuleRef;
import io.netrig.model.firewall.TableName;
import io.netrig.model.net.Ipv4Address;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PingVerdictTest {
    private static final Probe.Ping PING = Probe.Ping.of("c1", Ipv4Address.parse("172.18.0.3"));
    private static final RuleRef RULE = new RuleRef("host", TableName.FILTER, "FORWARD", 6, "-A FORWARD -i br-1 -o br-1 -j DROP");
    private static final Ipv4Address ROUTER = Ipv4Address.parse("172.18.0.2");

    private static Observation judge(EchoAttempt attempt, Optional<RuleRef> rule) {
        return judge(attempt, rule, false);
    }

    private static Observation judge(EchoAttempt attempt, Optional<RuleRef> rule, boolean arpFailed) {
        return PingVerdict.judge(PING, attempt, new Evidence(() -> rule, () -> arpFailed));
    }

    @Test
    void aReplyIsReached() {
        assertEquals(Outcome.REACHED, judge(EchoAttempt.answered(1, 1), Optional.of(RULE)).outcome());
    }

    @Test
    void networkUnreachableIsNoRoute() {
        assertEquals(Outcome.NO_ROUTE, judge(EchoAttempt.refusedAtSend(Errno.ENETUNREACH), Optional.empty()).outcome());
    }

    @Test
    void icmpUnreachableIsUnreachable() {
        Observation o = judge(EchoAttempt.icmpError(new IcmpError(3, 1, ROUTER)), Optional.empty());
        assertEquals(Outcome.UNREACHABLE, o.outcome());
        assertEquals("from 172.18.0.2 destination host unreachable", o.detail());
    }

    @Test
    void netUnreachableFromARouterIsUnreachable() {
        assertEquals(Outcome.UNREACHABLE, judge(EchoAttempt.icmpError(new IcmpError(3, 0, ROUTER)), Optional.empty()).outcome());
    }

    @Test
    void hostUnreachableFromTheSendersOwnFailedArpIsSilence() {
        Observation o = judge(EchoAttempt.icmpError(new IcmpError(3, 1, ROUTER)), Optional.empty(), true);
        assertEquals(Outcome.TIMEOUT, o.outcome(), "ARP for the target failed: nothing came back from the network; " + o);
    }

    @Test
    void packetFilteredCountsAsSilenceAsPingsOwnWordsDid() {
        Observation o = judge(EchoAttempt.icmpError(new IcmpError(3, 13, ROUTER)), Optional.of(RULE));
        assertEquals(Outcome.DROPPED, o.outcome(), o.toString());
    }

    @Test
    void silentLossWithAGrownDropCounterIsDroppedByThatRule() {
        Observation o = judge(EchoAttempt.unanswered(1), Optional.of(RULE));
        assertEquals(Outcome.DROPPED, o.outcome());
        assertEquals(Optional.of(RULE), o.rule());
    }

    @Test
    void silentLossWithoutARuleIsTimeout() {
        assertEquals(Outcome.TIMEOUT, judge(EchoAttempt.unanswered(1), Optional.empty()).outcome());
    }

    @Test
    void theSendersOwnFirewallRefusingIsSilence() {
        assertEquals(Outcome.DROPPED, judge(EchoAttempt.refusedAtSend(Errno.EPERM), Optional.of(RULE)).outcome());
    }

    @Test
    void otherSendFailuresAreErrorsNotOutcomes() {
        assertThrows(NetrigException.class, () -> judge(EchoAttempt.refusedAtSend(Errno.EINVAL), Optional.empty()));
    }
}
