package io.netrig.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.kernel.exec.Command;
import io.netrig.kernel.exec.RecordingExecutor;
import io.netrig.model.NetrigException;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.HostsEntry;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.ResolverConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NameLookupTest {
    private static final Probe.Lookup WEB = Probe.Lookup.of("c1", "web");
    private static final Optional<ResolverConfig> DOCKER = Optional.of(new ResolverConfig("c1",
            List.of(new HostsEntry(Ipv4Address.parse("172.18.0.2"), List.of("c1"))), List.of(Ipv4Address.parse("127.0.0.11")),
            List.of("ndots:0"), Provenance.of("container 'c1'")));

    @Test
    void foundGivesTheDistinctAddressesInGetentsOrder() {
        String out = """
                172.18.0.3      STREAM web
                172.18.0.3      DGRAM
                172.18.0.3      RAW
                172.18.0.2      STREAM
                172.18.0.2      DGRAM
                172.18.0.2      RAW
                """;
        Observation o = NameLookup.judge(WEB, 0, out, "", DOCKER);
        assertEquals(Outcome.REACHED, o.outcome());
        assertEquals(List.of(Ipv4Address.parse("172.18.0.3"), Ipv4Address.parse("172.18.0.2")), o.answers());
        assertTrue(o.detail().contains("by its resolv.conf names nameserver [127.0.0.11]"), o.detail());
    }

    @Test
    void aHostsFileAnswerSaysSo() {
        Observation o = NameLookup.judge(Probe.Lookup.of("c1", "C1"), 0, "172.18.0.2 STREAM c1\n", "", DOCKER);
        assertTrue(o.detail().endsWith("from its hosts file"), o.detail());
    }

    @Test
    void exitTwoIsNotFoundNamingTheNameservers() {
        Observation o = NameLookup.judge(WEB, 2, "", "", DOCKER);
        assertEquals(Outcome.NOT_FOUND, o.outcome());
        assertEquals(List.of(), o.answers());
        assertTrue(o.detail().contains("not found (exit 2)") && o.detail().contains("[127.0.0.11]"), o.detail());
        assertTrue(NameLookup.judge(WEB, 2, "", "", Optional.empty()).detail().contains("names no nameserver"));
    }

    @Test
    void anyOtherExitIsAFailureOfTheProbe() {
        assertThrows(NetrigException.class, () -> NameLookup.judge(WEB, 1, "", "Unknown database", DOCKER));
    }

    @Test
    void worstCaseFollowsGlibcsTimeoutsAttemptsAndServers() {
        assertEquals(Duration.ofSeconds(15), NameLookup.worstCase(Optional.empty()), "5 s, then 10 s, one server (127.0.0.1)");
        assertEquals(Duration.ofSeconds(15), NameLookup.worstCase(DOCKER));
        ResolverConfig tight = new ResolverConfig("c1", List.of(), List.of(Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("10.0.0.2")),
                List.of("timeout:1", "attempts:1", "ndots:0"), Provenance.of("t"));
        assertEquals(Duration.ofSeconds(2), NameLookup.worstCase(Optional.of(tight)));
        ResolverConfig silly = new ResolverConfig("c1", List.of(), List.of(), List.of("timeout:999", "attempts:x"), Provenance.of("t"));
        assertEquals(Duration.ofSeconds(30 + 60), NameLookup.worstCase(Optional.of(silly)), "timeout capped at 30 s, attempts stay 2");
    }

    @Test
    void runsGetentInTheNamespaceBoundedByTheProbeTimeoutAndTheResolversWorstCase() {
        RecordingExecutor exec = new RecordingExecutor(c -> RecordingExecutor.ok(c, "172.18.0.3 STREAM web\n"));
        Observation o = NameLookup.run(WEB, "nr3fa2-c1", DOCKER, exec);
        assertEquals(Outcome.REACHED, o.outcome());
        Command c = exec.commands().getFirst();
        assertEquals(List.of("ip", "netns", "exec", "nr3fa2-c1", "getent", "ahostsv4", "--", "web"), c.argv());
        assertEquals(Duration.ofSeconds(16), c.timeout());
    }
}
