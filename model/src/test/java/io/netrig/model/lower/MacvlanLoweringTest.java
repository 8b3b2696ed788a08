package io.netrig.model.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.SpecException;
import io.netrig.model.render.IptablesSave;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.Dummy;
import io.netrig.model.topology.Link;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Macvlan;
import io.netrig.model.topology.MacvlanMode;
import io.netrig.model.topology.Topology;
import org.junit.jupiter.api.Test;

class MacvlanLoweringTest {
    private static final String LAB = """
            segments: {lan: {}}
            hosts:
              host1:
                interfaces: {ens160: {segment: lan, address: 10.3.1.45/24}}
              router:
                docker: false
                interfaces: {eth0: {segment: lan, address: 10.3.1.1/24}}
            networks:
              pub_net: {driver: macvlan, parent: ens160, subnet: 10.3.1.0/24, gateway: 10.3.1.1, ip_range: 10.3.1.144/28}
            containers:
              node-1: {networks: [pub_net]}
              node-2: {networks: {pub_net: {ip: 10.3.1.150}}}
            """;

    private static Topology lower(String yaml) {
        return Lowering.lower(YamlSpecLoader.parseValidated("lab.yaml", yaml));
    }

    @Test
    void containerEndpointIsAMacvlanChildOfTheHostNic() {
        Topology t = lower(LAB);
        Link eth0 = t.links().stream().filter(l -> l.ifaces().getFirst().ref().equals(LinkRef.end("node-1", "eth0"))).findFirst().orElseThrow();
        Macvlan mv = assertInstanceOfMacvlan(eth0);
        assertEquals(LinkRef.end("host1", "ens160"), mv.parent());
        assertEquals(MacvlanMode.BRIDGE, mv.mode());
        assertEquals("10.3.1.144/24", t.addressesIn("node-1").getFirst().address().toString(),
                "allocation starts at the ip-range's first address");
        assertEquals("10.3.1.1", t.routesIn("node-1").getFirst().via().orElseThrow().toString());
    }

    private static Macvlan assertInstanceOfMacvlan(Link link) {
        assertTrue(link instanceof Macvlan, "expected a macvlan, got " + link);
        return (Macvlan) link;
    }

    @Test
    void macvlanNetworkAddsNoBridgeAndNoRules() {
        Topology t = lower(LAB);
        assertTrue(t.linkNamesIn("host1").stream().noneMatch(n -> n.value().startsWith("br-")));
        String rules = IptablesSave.render(t.ruleset("host1").orElseThrow());
        assertTrue(!rules.contains("10.3.1.0/24"), rules);
    }

    @Test
    void parentThatIsNotAHostInterfaceIsNamedWithTheInterfacesItHas() {
        SpecException e = assertThrows(SpecException.class, () -> lower(LAB.replace("parent: ens160", "parent: ens161")));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("lab.yaml:9:"), e.getMessage());
        assertTrue(e.getMessage().contains("network 'pub_net': parent 'ens161' is not an interface of host 'host1' (it has: ens160)"),
                e.getMessage());
    }

    @Test
    void macvlanWithoutParentHangsOnADummyAsDockerMakesIt() {
        Topology t = lower(LAB.replace("parent: ens160, ", ""));
        Dummy dummy = (Dummy) t.links().stream().filter(Dummy.class::isInstance).findFirst().orElseThrow();
        assertEquals("host1", dummy.self().ref().namespace());
        assertTrue(dummy.self().ref().name().value().matches("dm-[0-9a-f]{12}"), dummy.toString());
        Macvlan mv = (Macvlan) t.links().stream().filter(Macvlan.class::isInstance).findFirst().orElseThrow();
        assertEquals(dummy.self().ref(), mv.parent());
    }

    @Test
    void dockerOptionSpellingOfParentAndModeIsAccepted() {
        Topology t = lower(LAB.replace("parent: ens160,", "options: {parent: ens160, macvlan_mode: private},"));
        Macvlan mv = (Macvlan) t.links().stream().filter(Macvlan.class::isInstance).findFirst().orElseThrow();
        assertEquals(MacvlanMode.PRIVATE, mv.mode());
    }
}
