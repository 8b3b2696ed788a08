package io.netrig.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netrig.kernel.exec.CommandFailedException;
import io.netrig.kernel.exec.CommandResult;
import io.netrig.kernel.exec.PingCommand;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.RuleRef;
import io.netrig.model.firewall.TableName;
import io.netrig.model.net.Ipv4Address;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PingVerdictTest {
    private static final Probe.Ping PING = Probe.Ping.of("c1", Ipv4Address.parse("172.18.0.3"));
    private static final RuleRef RULE = new RuleRef("host", TableName.FILTER, "FORWARD", 6, "-A FORWARD -i br-1 -o br-1 -j DROP");

    private static Observation judge(int exit, String out, String err, Optional<RuleRef> rule) {
        return judge(exit, out, err, rule, false);
    }

    private static Observation judge(int exit, String out, String err, Optional<RuleRef> rule, boolean arpFailed) {
        CommandResult r = new CommandResult(PingCommand.of("nr0000-c1", PING.to(), 1, PING.timeout()), exit, out, err, Duration.ZERO);
        return PingVerdict.judge(PING, r, new Evidence(() -> rule, () -> arpFailed));
    }

    @Test
    void exitZeroIsReached() {
        assertEquals(Outcome.REACHED, judge(0, "1 packets transmitted, 1 received", "", Optional.of(RULE)).outcome());
    }

    @Test
    void networkUnreachableIsNoRoute() {
        assertEquals(Outcome.NO_ROUTE, judge(2, "", "ping: connect: Network is unreachable\n", Optional.empty()).outcome());
    }

    @Test
    void icmpUnreachableIsUnreachable() {
        Observation o = judge(1, "From 172.18.0.2 icmp_seq=1 Destination Host Unreachable\n", "", Optional.empty());
        assertEquals(Outcome.UNREACHABLE, o.outcome());
    }

    @Test
    void hostUnreachableFromTheSendersOwnFailedArpIsSilence() {
        Observation o = judge(1, "From 172.18.0.2 icmp_seq=1 Destination Host Unreachable\n", "", Optional.empty(), true);
        assertEquals(Outcome.TIMEOUT, o.outcome(), "ARP for the target failed: nothing came back from the network; " + o);
    }

    @Test
    void silentLossWithAGrownDropCounterIsDroppedByThatRule() {
        Observation o = judge(1, "1 packets transmitted, 0 received, 100% packet loss", "", Optional.of(RULE));
        assertEquals(Outcome.DROPPED, o.outcome());
        assertEquals(Optional.of(RULE), o.rule());
    }

    @Test
    void silentLossWithoutARuleIsTimeout() {
        assertEquals(Outcome.TIMEOUT, judge(1, "100% packet loss", "", Optional.empty()).outcome());
    }

    @Test
    void otherFailuresOfPingItselfAreErrorsNotOutcomes() {
        assertThrows(CommandFailedException.class, () -> judge(255, "", "Cannot open network namespace", Optional.empty()));
    }
}
