package io.netrig.model.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.SpecException;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.spec.NetworkSpec;
import io.netrig.model.spec.SpecValidator;
import io.netrig.model.spec.Specs;
import io.netrig.model.spec.ValidatedLab;
import org.junit.jupiter.api.Test;

class DockerIpamTest {

    @Test
    void userNetworksWithoutSubnetTakeDefaultPoolsAfterDocker0() {
        ValidatedLab lab = SpecValidator.validate(Specs.lab("pools").network(NetworkSpec.bridge("a"))
                .network(NetworkSpec.bridge("b")).build());
        assertEquals("172.18.0.0/16", lab.addresses().network("host", "a").orElseThrow().subnet().toString());
        assertEquals("172.19.0.0/16", lab.addresses().network("host", "b").orElseThrow().subnet().toString());
        assertEquals(Ipv4Address.parse("172.18.0.1"), lab.addresses().network("host", "a").orElseThrow().gateway());
    }

    @Test
    void explicitSubnetsAreSkippedByAutomaticPools() {
        ValidatedLab lab = SpecValidator.validate(Specs.lab("skip").network(NetworkSpec.bridge("auto"))
                .bridge("fixed", "172.18.0.0/16").build());
        assertEquals("172.19.0.0/16", lab.addresses().network("host", "auto").orElseThrow().subnet().toString());
    }

    @Test
    void fixedAddressesAreReservedBeforeAllocation() {
        ValidatedLab lab = SpecValidator.validate(Specs.lab("fixed").bridge("n", "10.1.0.0/24")
                .container("dyn", "n").containerWithIp("pinned", "n", "10.1.0.2").build());
        assertEquals(Ipv4Address.parse("10.1.0.3"), lab.addresses().endpoint("dyn", "n").orElseThrow());
        assertEquals(Ipv4Address.parse("10.1.0.2"), lab.addresses().endpoint("pinned", "n").orElseThrow());
    }

    @Test
    void duplicateFixedAddressIsAProblemNamingTheOtherContainer() {
        SpecException e = assertThrows(SpecException.class, () -> SpecValidator.validate(Specs.lab("dup").bridge("n", "10.1.0.0/24")
                .containerWithIp("a", "n", "10.1.0.5").containerWithIp("b", "n", "10.1.0.5").build()));
        assertTrue(e.getMessage().contains("container 'b': ip 10.1.0.5 on network 'n' is already given to container 'a'"), e.getMessage());
    }

    @Test
    void addressOutsideSubnetAndGatewayAddressAreBothReported() {
        SpecException e = assertThrows(SpecException.class, () -> SpecValidator.validate(Specs.lab("bad").bridge("n", "10.1.0.0/24")
                .containerWithIp("a", "n", "10.2.0.5").containerWithIp("b", "n", "10.1.0.1").build()));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("ip 10.2.0.5 is outside network 'n' subnet 10.1.0.0/24"), e.getMessage());
        assertTrue(e.getMessage().contains("ip 10.1.0.1 is reserved on network 'n' (it is the gateway)"), e.getMessage());
    }

    @Test
    void overlappingSubnetsOnOneHostAreRefused() {
        SpecException e = assertThrows(SpecException.class, () -> SpecValidator.validate(Specs.lab("overlap")
                .bridge("a", "10.1.0.0/16").bridge("b", "10.1.2.0/24").build()));
        assertTrue(e.getMessage().contains("subnet 10.1.2.0/24 overlaps 10.1.0.0/16"), e.getMessage());
    }

    @Test
    void exhaustedRangeIsAProblem() {
        SpecException e = assertThrows(SpecException.class, () -> SpecValidator.validate(Specs.lab("tiny").bridge("n", "10.1.0.0/30")
                .container("a", "n").container("b", "n").build()));
        assertTrue(e.getMessage().contains("container 'b': no free address left"), e.getMessage());
    }
}
