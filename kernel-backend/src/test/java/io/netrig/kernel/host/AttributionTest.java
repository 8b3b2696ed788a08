package io.netrig.kernel.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.RuleRef;
import io.netrig.model.firewall.TableName;
import io.netrig.model.net.Ipv4Address;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttributionTest {
    private static final Probe.Ping PING = Probe.Ping.of("c1", Ipv4Address.parse("10.0.129.2"));
    private static final RuleRef POLICY = new RuleRef("host2", TableName.FILTER, "FORWARD", 0, "-P FORWARD DROP");

    @Test
    void silenceWithAGrownDropCounterOnAnotherMachineIsThatDrop() {
        Observation seen = Attribution.amend(Observation.of(PING, Outcome.TIMEOUT, "no answer"), () -> Optional.of(POLICY));
        assertEquals(Outcome.DROPPED, seen.outcome());
        assertEquals(Optional.of(POLICY), seen.rule());
    }

    @Test
    void silenceWithoutOneStaysATimeout() {
        assertEquals(Outcome.TIMEOUT, Attribution.amend(Observation.of(PING, Outcome.TIMEOUT, "no answer"), Optional::empty).outcome());
    }

    @Test
    void aRefusalNamesTheRejectRuleThatSentIt() {
        Observation seen = Attribution.amend(Observation.of(PING, Outcome.UNREACHABLE, "icmp port unreachable"), () -> Optional.of(POLICY));
        assertEquals(Outcome.UNREACHABLE, seen.outcome());
        assertEquals("icmp port unreachable, sent by " + POLICY, seen.detail());
    }

    @Test
    void answersAndMissingRoutesNeedNoCounters() {
        for (Outcome o : new Outcome[] {Outcome.REACHED, Outcome.NO_ROUTE}) {
            assertEquals(o, Attribution.amend(Observation.of(PING, o, "x"), () -> fail("counters read for " + o)).outcome());
        }
    }
}
