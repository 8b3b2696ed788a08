package io.netrig.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.kernel.internal.KernelLab;
import io.netrig.kernel.internal.ResolverFiles;
import io.netrig.model.backend.Backends;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.net.Ipv4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Name lookups through glibc ({@code getent ahostsv4}) in lab namespaces: c1's hosts file, then the embedded DNS server
 * c1 runs on 127.0.0.11:53 ({@link TwoNetworksTopology}); c2 has no resolver configuration and must not see this
 * machine's own hosts file or resolver.
 */
class NameLookupIT extends KernelTestSupport {
    @TempDir
    Path work;

    private static void assertLookup(Outcome outcome, List<String> answers, Observation o, String why) {
        assertEquals(outcome, o.outcome(), "expected " + o.probe().describe() + " to be " + outcome + " (" + why + ") but: " + o);
        assertEquals(answers.stream().map(Ipv4Address::parse).toList(), o.answers(), o.probe().describe() + ": " + o.detail());
    }

    @Test
    void resolvesFromTheHostsFileThenTheEmbeddedDnsServerAndNothingElse() throws Exception {
        String id;
        try (Lab lab = Backends.byName("kernel").start(TwoNetworksTopology.base(),
                LabOptions.defaults().withPrefix("nrdns").withWorkDir(work))) {
            id = ((KernelLab) lab).id().toString();
            for (String ns : List.of("host", "c1", "c2")) {
                assertTrue(Files.isRegularFile(ResolverFiles.DEFAULT_DIR.resolve(id + "-" + ns).resolve("hosts")), ns + " has no hosts file");
            }
            assertEquals("", Files.readString(ResolverFiles.DEFAULT_DIR.resolve(id + "-c2/resolv.conf")));

            assertLookup(Outcome.REACHED, List.of("172.18.0.2"), lab.probe(Probe.Lookup.of("c1", "c1")), "c1's hosts file names it");
            assertLookup(Outcome.REACHED, List.of("172.18.0.3"), lab.probe(Probe.Lookup.of("c1", "c2")), "the DNS server has a record");
            // the server answers .3 then .2; glibc's getaddrinfo sorts destinations (RFC 3484/6724), and puts c1's own
            // address first: the lookup observes what an application would get, not the wire order
            assertLookup(Outcome.REACHED, List.of("172.18.0.2", "172.18.0.3"), lab.probe(Probe.Lookup.of("c1", "web")),
                    "two records, sorted by glibc");
            Observation unknown = lab.probe(Probe.Lookup.of("c1", "nosuch"));
            assertLookup(Outcome.NOT_FOUND, List.of(), unknown, "the DNS server answers SERVFAIL");
            assertTrue(unknown.detail().contains("127.0.0.11"), unknown.detail());
            assertLookup(Outcome.NOT_FOUND, List.of(), lab.probe(Probe.Lookup.of("c2", "c2")),
                    "c2 has no resolver configuration: only localhost, and no nameserver");
            assertLookup(Outcome.REACHED, List.of("127.0.0.1"), lab.probe(Probe.Lookup.of("c2", "localhost")), "the default hosts file");
            String ownName = java.net.InetAddress.getLocalHost().getHostName();
            assertLookup(Outcome.NOT_FOUND, List.of(), lab.probe(Probe.Lookup.of("host", ownName)),
                    "this machine's own /etc/hosts names '" + ownName + "', which no lab namespace may read");

            List<Observation> all = lab.probeAll(List.of(Probe.Lookup.of("c1", "c2"), Probe.Lookup.of("c1", "nosuch"),
                    Probe.Ping.of("c1", DockerTopology.GATEWAY), Probe.Lookup.of("c1", "web")));
            assertEquals(List.of(Outcome.REACHED, Outcome.NOT_FOUND, Outcome.REACHED, Outcome.REACHED),
                    all.stream().map(Observation::outcome).toList(), all.toString());

            long[] ms = new long[9];
            for (int i = 0; i < ms.length; i++) {
                long t0 = System.nanoTime();
                lab.probe(Probe.Lookup.of("c1", i % 2 == 0 ? "c2" : "nosuch"));
                ms[i] = (System.nanoTime() - t0) / 1_000_000;
            }
            java.util.Arrays.sort(ms);
            long t0 = System.nanoTime();
            lab.probeAll(java.util.Collections.nCopies(8, Probe.Lookup.of("c1", "web")));
            long batch = (System.nanoTime() - t0) / 1_000_000;
            LoggerFactory.getLogger(NameLookupIT.class).info("lookup probe (getent through the lab's DNS server): median {} ms, "
                    + "max {} ms of 9; probeAll of 8 lookups {} ms", ms[4], ms[8], batch);
        }
        assertFalse(Files.exists(ResolverFiles.DEFAULT_DIR.resolve(id + "-c1")), "c1's resolver folder is still there after close");
    }
}
