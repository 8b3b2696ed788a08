package io.netrig.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.RuleRef;
import io.netrig.model.firewall.TableName;
import io.netrig.model.net.Ipv4Address;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProbeVerdictTest {
    private static final Probe.Ping PING = Probe.Ping.of("web", Ipv4Address.parse("172.20.0.3"));
    private static final Probe.Tcp TCP = Probe.Tcp.of("web", Ipv4Address.parse("172.20.0.3"), 80);
    private static final RuleRef RULE = new RuleRef("host", TableName.FILTER, "FORWARD", 3, "-A FORWARD -i br-x -o br-x -j DROP");

    private static ProcessResult exit(int code, String out) {
        return new ProcessResult(List.of("ping"), code, out, "", Duration.ofMillis(5));
    }

    @Test
    void readsPingAsTheKernelBackendDoes() {
        assertEquals(Outcome.REACHED, ProbeVerdict.ping(PING, exit(0, "64 bytes from 172.20.0.3: icmp_seq=1"), Set.of(), Optional::empty).outcome());
        assertEquals(Outcome.NO_ROUTE, ProbeVerdict.ping(PING, exit(2, "ping: connect: Network is unreachable"), Set.of(), Optional::empty).outcome());
        assertEquals(Outcome.UNREACHABLE, ProbeVerdict.ping(PING, exit(1, "From 172.20.0.1 icmp_seq=1 Destination Net Unreachable"),
                Set.of(), Optional::empty).outcome());
        assertEquals(Outcome.TIMEOUT, ProbeVerdict.ping(PING, exit(1, "From 172.20.0.2 icmp_seq=1 Destination Host Unreachable"),
                Set.of(Ipv4Address.parse("172.20.0.2")), Optional::empty).outcome(), "the sender's own failed ARP is silence");
        var dropped = ProbeVerdict.ping(PING, exit(1, "1 packets transmitted, 0 received"), Set.of(), () -> Optional.of(RULE));
        assertEquals(Outcome.DROPPED, dropped.outcome());
        assertEquals(Optional.of(RULE), dropped.rule());
    }

    @Test
    void readsBusyboxNcErrors() {
        assertEquals(Outcome.REFUSED, ProbeVerdict.tcp(TCP, exit(1, "nc: can't connect to remote host (172.20.0.3): Connection refused"),
                Optional::empty).outcome());
        assertEquals(Outcome.NO_ROUTE, ProbeVerdict.tcp(TCP, exit(1, "nc: can't connect to remote host (172.20.0.3): Network is unreachable"),
                Optional::empty).outcome());
        assertEquals(Outcome.TIMEOUT, ProbeVerdict.tcp(TCP, exit(1, "nc: timed out"), Optional::empty).outcome());
    }

    @Test
    void readsGetentAnswersOncePerAddress() {
        Probe.Lookup lookup = Probe.Lookup.of("web", "db");
        var seen = ProbeVerdict.lookup(lookup, exit(0, "172.20.0.3      STREAM db\n172.20.0.3      DGRAM  \n172.20.0.3      RAW    \n"));
        assertEquals(List.of(Ipv4Address.parse("172.20.0.3")), seen.answers());
        assertEquals(Outcome.NOT_FOUND, ProbeVerdict.lookup(lookup, exit(2, "")).outcome());
    }
}
