package io.netrig.model.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.SpecException;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Macvlan;
import io.netrig.model.topology.MacvlanMode;
import io.netrig.model.topology.Route;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Vlan;
import org.junit.jupiter.api.Test;

/** {@code commands:}: the seed's macvlan_host shim and friends, lowered to the objects the commands make. */
class HostCommandLoweringTest {
    private static final String LAB = """
            segments: {lan: {}}
            hosts:
              host1:
                interfaces: {ens160: {segment: lan, address: 10.3.1.45/24}}
            networks:
              pub_net: {driver: macvlan, parent: ens160, subnet: 10.3.1.0/24, gateway: 10.3.1.1, ip_range: 10.3.1.144/28}
            containers:
              node-1: {networks: {pub_net: {ip: 10.3.1.145}}}
            commands:
              host1: |
                ip link add macvlan_host link ens160 type macvlan mode bridge
                ip addr add 10.3.1.200/32 dev macvlan_host
                # the shim is up like every lab interface
                ip link set macvlan_host up
                ip route add 10.3.1.144/28 dev macvlan_host src 10.3.1.200
                ip link add link ens160 name ens160.50 type vlan id 50
                sysctl -w net.ipv4.conf.all.rp_filter=2
            """;

    private static Topology lower(String yaml) {
        return Lowering.lower(YamlSpecLoader.parseValidated("lab.yaml", yaml));
    }

    @Test
    void theShimIsAMacvlanOnTheHostWithItsAddressAndRoute() {
        Topology t = lower(LAB);
        Macvlan shim = t.links().stream().filter(Macvlan.class::isInstance).map(Macvlan.class::cast)
                .filter(m -> m.self().ref().equals(LinkRef.end("host1", "macvlan_host"))).findFirst().orElseThrow();
        assertEquals(LinkRef.end("host1", "ens160"), shim.parent());
        assertEquals(MacvlanMode.BRIDGE, shim.mode());
        assertTrue(shim.provenance().text().contains("ip link add macvlan_host"), shim.provenance().text());
        assertEquals("10.3.1.200/32", t.addressesIn("host1").stream().filter(a -> a.ref().equals(shim.self().ref()))
                .findFirst().orElseThrow().address().toString());
        Route r = t.routesIn("host1").stream().filter(x -> x.destination().toString().equals("10.3.1.144/28")).findFirst().orElseThrow();
        assertEquals("macvlan_host", r.dev().orElseThrow().value());
        assertEquals("10.3.1.200", r.src().orElseThrow().toString());
        assertEquals(50, t.links().stream().filter(Vlan.class::isInstance).map(Vlan.class::cast).findFirst().orElseThrow().vlanId());
        assertEquals("2", t.sysctl("host1", "net.ipv4.conf.all.rp_filter").orElseThrow());
    }

    @Test
    void badCommandsAreReportedAtTheirOwnLine() {
        String bad = LAB.replace("ip addr add 10.3.1.200/32 dev macvlan_host", "ip addr add 10.3.1.300/32 dev macvlan_host")
                .replace("ip link set macvlan_host up", "ip link set macvlan_hots up")
                .replace("sysctl -w net.ipv4.conf.all.rp_filter=2", "nft flush ruleset");
        SpecException e = assertThrows(SpecException.class, () -> lower(bad));
        String m = e.getMessage();
        assertTrue(m.contains("lab.yaml:12:5: commands of host 'host1': 'ip addr add 10.3.1.300/32 dev macvlan_host': "
                + "'10.3.1.300/32' is not an IPv4 address with prefix length"), m);
        assertTrue(m.contains("lab.yaml:14:5: host 'host1': ip link set macvlan_hots up: Cannot find device \"macvlan_hots\""), m);
        assertTrue(m.contains("lab.yaml:17:5: commands of host 'host1': unsupported command 'nft flush ruleset'"), m);
    }

    @Test
    void commandsForAnUnknownHostAreRefused() {
        SpecException e = assertThrows(SpecException.class, () -> lower(LAB.replace("  host1: |", "  host2: |")));
        assertTrue(e.getMessage().contains("commands for host 'host2': no such host (hosts: host1)"), e.getMessage());
    }
}
