package io.netrig.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.ResolverConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResolverOptionsTest {
    private static ResolverOptions of(List<String> servers, List<String> options) {
        return ResolverOptions.of(new ResolverConfig("c", List.of(), servers.stream().map(Ipv4Address::parse).toList(), options,
                Provenance.of("test")));
    }

    @Test
    void noNameserverMeansLocalhostWithGlibcDefaults() {
        ResolverOptions o = of(List.of(), List.of());
        assertEquals(List.of(Ipv4Address.parse("127.0.0.1")), o.nameservers());
        assertEquals(List.of(5_000_000_000L, 5_000_000_000L),
                o.schedule().stream().map(ResolverOptions.Try::waitNanos).toList(), "timeout 5 s, 2 attempts");
    }

    @Test
    void waitGrowsWithTheServerIndexAsSendDgComputesIt() {
        ResolverOptions o = of(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"), List.of("timeout:2", "attempts:1", "ndots:0"));
        assertEquals(3, o.nameservers().size(), "MAXNS = 3");
        assertEquals(List.of(2L, 1L, 2L), o.schedule().stream().map(t -> t.waitNanos() / 1_000_000_000L).toList(),
                "2<<0 = 2; (2<<1)/3 = 1; (2<<2)/3 = 2");
    }
}
