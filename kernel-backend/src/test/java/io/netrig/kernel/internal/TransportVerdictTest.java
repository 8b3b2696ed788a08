package io.netrig.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.kernel.netns.Errno;
import io.netrig.model.NetrigException;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.RuleRef;
import io.netrig.model.firewall.TableName;
import io.netrig.model.net.Ipv4Address;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransportVerdictTest {
    private static final Probe.Tcp TCP = Probe.Tcp.of("client", Ipv4Address.parse("10.0.0.2"), 80);
    private static final Probe.Udp UDP = Probe.Udp.of("client", Ipv4Address.parse("10.0.0.2"), 53);
    private static final RuleRef DROP = new RuleRef("server", TableName.FILTER, "INPUT", 3, "-A INPUT -p tcp -m tcp --dport 80 -j DROP");
    private static final RuleRef REJECT = new RuleRef("server", TableName.FILTER, "INPUT", 1, "-A INPUT -p tcp -m tcp --dport 80 -j REJECT --reject-with tcp-reset");
    private static final Duration MS = Duration.ofMillis(1);

    private final AtomicInteger asked = new AtomicInteger();

    private Evidence evidence(Optional<RuleRef> rule, boolean arpFailed) {
        return new Evidence(() -> {
            asked.incrementAndGet();
            return rule;
        }, () -> arpFailed);
    }

    private Evidence none() {
        return evidence(Optional.empty(), false);
    }

    @Test
    void aCompletedHandshakeIsReachedWithoutAskingForRules() {
        Observation o = TransportVerdict.judge(TCP, new SocketAttempt.Answered(MS), evidence(Optional.of(DROP), false));
        assertEquals(Outcome.REACHED, o.outcome());
        assertEquals(0, asked.get(), "reading counters costs processes: a reached probe must not");
    }

    @Test
    void networkUnreachableAtConnectIsNoRoute() {
        Observation o = TransportVerdict.judge(TCP, new SocketAttempt.RefusedAtSend(Errno.ENETUNREACH, MS), none());
        assertEquals(Outcome.NO_ROUTE, o.outcome());
        assertEquals("client has no route to 10.0.0.2", o.detail());
    }

    @Test
    void networkUnreachableFromAnIcmpMessageIsUnreachableNotNoRoute() {
        assertEquals(Outcome.UNREACHABLE, TransportVerdict.judge(TCP, new SocketAttempt.ErrorReturned(Errno.ENETUNREACH, MS), none()).outcome());
    }

    @Test
    void connectionRefusedIsRefusedAndNamesARejectRuleWhenItsCounterGrew() {
        assertEquals(Outcome.REFUSED, TransportVerdict.judge(TCP, new SocketAttempt.ErrorReturned(Errno.ECONNREFUSED, MS), none()).outcome());
        Observation o = TransportVerdict.judge(TCP, new SocketAttempt.ErrorReturned(Errno.ECONNREFUSED, MS), evidence(Optional.of(REJECT), false));
        assertEquals(Outcome.REFUSED, o.outcome());
        assertEquals(Optional.of(REJECT), o.rule());
    }

    @Test
    void udpPortUnreachableIsRefused() {
        Observation o = TransportVerdict.judge(UDP, new SocketAttempt.ErrorReturned(Errno.ECONNREFUSED, MS), none());
        assertEquals(Outcome.REFUSED, o.outcome());
        assertTrue(o.detail().startsWith("ICMP port unreachable"), o.detail());
    }

    @Test
    void hostUnreachableFromTheNetworkIsUnreachable() {
        assertEquals(Outcome.UNREACHABLE, TransportVerdict.judge(TCP, new SocketAttempt.ErrorReturned(Errno.EHOSTUNREACH, MS), none()).outcome());
    }

    @Test
    void hostUnreachableBecauseTheSendersArpFailedIsATimeout() {
        Observation o = TransportVerdict.judge(TCP, new SocketAttempt.ErrorReturned(Errno.EHOSTUNREACH, MS), evidence(Optional.empty(), true));
        assertEquals(Outcome.TIMEOUT, o.outcome(), o.toString());
        assertTrue(o.detail().contains("ARP"), o.detail());
    }

    @Test
    void silenceIsDroppedWhenADropCounterGrewAndTimeoutOtherwise() {
        Observation dropped = TransportVerdict.judge(TCP, new SocketAttempt.NoAnswer(Duration.ofSeconds(1)), evidence(Optional.of(DROP), false));
        assertEquals(Outcome.DROPPED, dropped.outcome());
        assertEquals(Optional.of(DROP), dropped.rule());
        Observation timeout = TransportVerdict.judge(UDP, new SocketAttempt.NoAnswer(Duration.ofSeconds(1)), none());
        assertEquals(Outcome.TIMEOUT, timeout.outcome());
        assertFalse(timeout.rule().isPresent());
    }

    @Test
    void aDatagramTheSendersOutputChainDroppedIsDropped() {
        Observation o = TransportVerdict.judge(UDP, new SocketAttempt.RefusedAtSend(Errno.EPERM, MS), evidence(Optional.of(DROP), false));
        assertEquals(Outcome.DROPPED, o.outcome());
    }

    @Test
    void anErrnoWithoutAMeaningForProbesIsAFailureOfTheProbe() {
        NetrigException e = assertThrows(NetrigException.class,
                () -> TransportVerdict.judge(TCP, new SocketAttempt.ErrorReturned(Errno.EMSGSIZE, MS), none()));
        assertTrue(e.getMessage().contains("tcp client -> 10.0.0.2:80"), e.getMessage());
    }
}
