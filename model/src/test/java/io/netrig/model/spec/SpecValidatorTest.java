package io.netrig.model.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.SpecException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

    @Test
    void labWithoutHostsGetsTheImplicitDockerHost() {
        ValidatedLab lab = SpecValidator.validate(Specs.lab("implicit").container("c").build());
        assertTrue(lab.spec().hosts().get(LabSpec.IMPLICIT_HOST).docker());
        assertEquals(LabSpec.IMPLICIT_HOST, lab.spec().containers().get("c").host());
    }

    @Test
    void collectsEveryProblemInsteadOfStoppingAtTheFirst() {
        SpecException e = assertThrows(SpecException.class, () -> SpecValidator.validate(Specs.lab("many")
                .container("a", "nowhere").container("b", "elsewhere").ping("a", "ghost", ExpectedResult.OK).build()));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("network 'nowhere' is not defined"), e.getMessage());
        assertTrue(e.getMessage().contains("network 'elsewhere' is not defined"), e.getMessage());
        assertTrue(e.getMessage().contains("ping to 'ghost'"), e.getMessage());
    }

    @Test
    void rejectsDriversNotLoweredYetByName() {
        NetworkSpec ipvlan = new NetworkSpec("pub", NetworkDriver.HOST, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), java.util.Map.of(), false, Optional.empty(), true, true, java.util.OptionalInt.empty(),
                Optional.empty(), io.netrig.model.topology.MacvlanMode.BRIDGE, Optional.empty());
        SpecException e = assertThrows(SpecException.class, () -> SpecValidator.validate(Specs.lab("iv").network(ipvlan).build()));
        assertTrue(e.getMessage().contains("driver 'host' is not supported yet (supported: bridge, macvlan, ipvlan, overlay)"), e.getMessage());
    }

    @Test
    void fixedIpOnTheDefaultBridgeIsRefusedAsDockerDoes() {
        SpecException e = assertThrows(SpecException.class, () -> SpecValidator.validate(Specs.lab("fixed")
                .containerWithIp("c", "bridge", "172.17.0.9").build()));
        assertTrue(e.getMessage().contains("user specified IP address is supported on user defined networks only"), e.getMessage());
    }

    @Test
    void routeViaAnUnreachableGatewayIsRefused() {
        HostSpec router = new HostSpec("r", false, java.util.Map.of("eth0", new InterfaceSpec("eth0", "lan",
                Optional.of(io.netrig.model.net.Ipv4Interface.parse("10.0.0.1/24")), Optional.empty(), java.util.OptionalInt.empty())),
                true, List.of(new RouteSpec(io.netrig.model.net.Ipv4Prefix.DEFAULT,
                Optional.of(io.netrig.model.net.Ipv4Address.parse("10.9.9.9")), Optional.empty(), 0)), DaemonOptions.DEFAULTS);
        SpecException e = assertThrows(SpecException.class, () -> SpecValidator.validate(Specs.lab("r").segment("lan").host(router).build()));
        assertTrue(e.getMessage().contains("via 10.9.9.9 is not reachable"), e.getMessage());
    }

    @Test
    void hostAndContainerCannotShareAName() {
        HostSpec h = new HostSpec("web", true, java.util.Map.of(), true, List.of(), DaemonOptions.DEFAULTS);
        SpecException e = assertThrows(SpecException.class, () -> SpecValidator.validate(Specs.lab("clash").host(h).container("web").build()));
        assertTrue(e.getMessage().contains("container 'web' has the same name as a host"), e.getMessage());
    }
}
