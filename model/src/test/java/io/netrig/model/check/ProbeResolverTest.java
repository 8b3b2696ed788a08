package io.netrig.model.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netrig.model.lower.Lowering;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.spec.Specs;
import io.netrig.model.topology.Topology;
import org.junit.jupiter.api.Test;

class ProbeResolverTest {
    @Test
    void prefersTheTargetAddressOnASubnetTheSenderShares() {
        Topology t = Lowering.lower(Specs.lab("two").bridge("a", "10.1.0.0/24").bridge("b", "10.2.0.0/24")
                .container("x", "a", "b").container("y", "b").build());
        ProbeResolver r = new ProbeResolver(t);
        assertEquals(Ipv4Address.parse("10.2.0.2"), r.address("y", "x"));
        assertEquals(Ipv4Address.parse("10.1.0.2"), r.address("host", "x"));
        assertEquals(Ipv4Address.parse("8.8.8.8"), r.address("x", "8.8.8.8"));
    }
}
