package io.netrig.model.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.NetrigException;
import io.netrig.model.lower.Lowering;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.DnsServer;
import io.netrig.model.topology.Route;
import io.netrig.model.topology.Topology;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabEditsTest {
    private static final String LAB = """
            networks:
              zeta: {subnet: 172.30.0.0/16}
              alpha: {subnet: 172.31.0.0/16}
            containers:
              web: {networks: [zeta]}
              db: {networks: [zeta]}
              cache: {networks: [alpha]}
            """;

    private static ValidatedLab lab() {
        return YamlSpecLoader.parseValidated("lab.yaml", LAB);
    }

    private static String address(Topology t, String ns, String dev) {
        return t.addressesIn(ns).stream().filter(a -> a.ref().name().value().equals(dev)).findFirst().orElseThrow()
                .address().toString();
    }

    @Test
    void connectAddsTheNextInterfaceWithTheFirstFreeAddressAndMovesTheDefaultRouteToTheGatewayEndpoint() {
        ValidatedLab before = lab();
        ValidatedLab after = LabEdits.connect(before, "db", "alpha", Optional.empty(), List.of("store"));
        Topology t = Lowering.lower(after);
        assertEquals("172.30.0.3/16", address(t, "db", "eth0"), "the existing endpoint keeps its address");
        assertEquals("172.31.0.3/16", address(t, "db", "eth1"), "cache has .2 on alpha");
        Route def = t.routesIn("db").getFirst();
        assertEquals("172.31.0.1", def.via().orElseThrow().toString(), "alpha sorts before zeta: libnetwork's gateway endpoint");
        DnsServer cacheDns = t.servicesIn("cache").stream().filter(DnsServer.class::isInstance).map(DnsServer.class::cast)
                .findFirst().orElseThrow();
        assertEquals(List.of(Ipv4Address.parse("172.31.0.3")), cacheDns.lookup("store"), "the new alias resolves on alpha");
    }

    @Test
    void disconnectKeepsTheOtherInterfaceNamesAndAddressesAndTheLastOneLeavesOnlyLo() {
        ValidatedLab connected = LabEdits.connect(lab(), "web", "alpha", Optional.of(Ipv4Address.parse("172.31.0.50")), List.of());
        ValidatedLab off = LabEdits.disconnect(connected, "web", "zeta");
        Topology t = Lowering.lower(off);
        assertEquals(List.of("eth1"), t.linkNamesIn("web").stream().map(n -> n.value()).toList());
        assertEquals("172.31.0.50/16", address(t, "web", "eth1"));
        assertEquals("172.30.0.3/16", address(t, "db", "eth0"), "db keeps .3 although .2 is free now");
        ValidatedLab none = LabEdits.disconnect(off, "web", "alpha");
        Topology bare = Lowering.lower(none);
        assertTrue(bare.linkNamesIn("web").isEmpty());
        assertTrue(bare.routesIn("web").isEmpty());
        ValidatedLab again = LabEdits.connect(none, "web", "zeta", Optional.empty(), List.of());
        assertEquals("172.30.0.2/16", address(Lowering.lower(again), "web", "eth2"), "the freed address is taken again");
    }

    @Test
    void refusalsUseDockersWording() {
        ValidatedLab lab = lab();
        assertEquals("Error response from daemon: endpoint with name web already exists in network zeta",
                assertThrows(NetrigException.class, () -> LabEdits.connect(lab, "web", "zeta", Optional.empty(), List.of())).getMessage());
        assertEquals("Error response from daemon: network nope not found",
                assertThrows(NetrigException.class, () -> LabEdits.connect(lab, "web", "nope", Optional.empty(), List.of())).getMessage());
        assertEquals("Error response from daemon: container web is not connected to network alpha",
                assertThrows(NetrigException.class, () -> LabEdits.disconnect(lab, "web", "alpha")).getMessage());
        assertEquals("Error response from daemon: No such container: ghost",
                assertThrows(NetrigException.class, () -> LabEdits.disconnect(lab, "ghost", "alpha")).getMessage());
        NetrigException taken = assertThrows(NetrigException.class,
                () -> LabEdits.connect(lab, "web", "alpha", Optional.of(Ipv4Address.parse("172.31.0.2")), List.of()));
        assertTrue(taken.getMessage().contains("is already given to container 'cache'"), taken.getMessage());
    }
}
