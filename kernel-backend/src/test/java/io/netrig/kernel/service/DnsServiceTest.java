package io.netrig.kernel.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.dns.DnsMessage;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.DnsRecord;
import io.netrig.model.topology.DnsServer;
import io.netrig.model.topology.Provenance;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsServiceTest {
    private static final Ipv4Address DB = Ipv4Address.parse("172.18.0.3");
    private static final DnsServer SERVER = new DnsServer("c1", DnsServer.EMBEDDED_ADDRESS, 53,
            List.of(new DnsRecord("db", DB)), Provenance.of("container 'c1' embedded DNS"));

    private static DnsMessage ask(DnsMessage query) {
        return DnsMessage.decode(SERVER.answer(query.encode()).orElseThrow().encode()).orElseThrow();
    }

    @Test
    void answersAKnownNameWithItsRecords() {
        DnsMessage a = ask(DnsMessage.queryA(4242, "DB."));
        assertTrue(a.response());
        assertEquals(4242, a.id());
        assertEquals(DnsMessage.NOERROR, a.rcode());
        assertEquals("db", a.name());
        assertEquals(List.of(DB), a.answers());
    }

    @Test
    void anUnknownNameIsAServerFailure() {
        DnsMessage a = ask(DnsMessage.queryA(7, "nosuch"));
        assertEquals(DnsMessage.SERVFAIL, a.rcode());
        assertEquals(List.of(), a.answers());
    }

    @Test
    void aKnownNameAskedForAaaaHasNoAnswerButNoError() {
        DnsMessage aaaa = new DnsMessage(9, false, DnsMessage.NOERROR, "db", DnsMessage.TYPE_AAAA, List.of());
        DnsMessage a = ask(aaaa);
        assertEquals(DnsMessage.NOERROR, a.rcode());
        assertEquals(DnsMessage.TYPE_AAAA, a.qtype());
        assertEquals(List.of(), a.answers());
    }

    @Test
    void ignoresResponsesAndGarbage() {
        assertTrue(SERVER.answer(DnsMessage.queryA(1, "db").answer(0, List.of(DB)).encode()).isEmpty());
        assertTrue(SERVER.answer(new byte[] {1, 2, 3}).isEmpty());
    }
}
