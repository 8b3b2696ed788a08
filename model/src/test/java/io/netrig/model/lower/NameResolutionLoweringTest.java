package io.netrig.model.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.SpecException;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.render.IptablesSave;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.DnsServer;
import io.netrig.model.topology.ResolverConfig;
import io.netrig.model.topology.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Docker's hosts files, resolv.conf and embedded DNS; legacy links on the default bridge. */
class NameResolutionLoweringTest {
    private static Topology lower(String yaml) {
        return Lowering.lower(YamlSpecLoader.parseValidated("lab.yaml", yaml));
    }

    private static DnsServer dns(Topology t, String ns) {
        return t.servicesIn(ns).stream().filter(DnsServer.class::isInstance).map(DnsServer.class::cast).findFirst().orElseThrow();
    }

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    @Test
    void userDefinedNetworkContainersAskTheEmbeddedDnsWhichKnowsNamesAliasesAndShortIdsOnSharedNetworks() {
        Topology t = lower("""
                networks:
                  front: {subnet: 172.20.0.0/16}
                  back: {subnet: 172.21.0.0/16}
                containers:
                  web: {networks: {front: {}, back: {aliases: [www]}}}
                  db: {networks: {back: {aliases: [database]}}}
                  lonely: {networks: [front]}
                  old: {}
                """);
        ResolverConfig web = t.resolverIn("web").orElseThrow();
        assertEquals("nameserver 127.0.0.11\noptions ndots:0\n", web.resolvConf());
        assertTrue(web.hostsFile().startsWith("127.0.0.1\tlocalhost\n"), web.hostsFile());
        assertTrue(web.hostsFile().contains("172.20.0.2\t" + NameResolution.shortId("web")), web.hostsFile());
        DnsServer dns = dns(t, "web");
        assertEquals(DnsServer.EMBEDDED_ADDRESS, dns.address());
        assertEquals(List.of(ip("172.21.0.3")), dns.lookup("db"));
        assertEquals(List.of(ip("172.21.0.3")), dns.lookup("DATABASE"));
        assertEquals(List.of(ip("172.20.0.3")), dns.lookup("lonely"));
        assertEquals(List.of(ip("172.20.0.2"), ip("172.21.0.2")), dns.lookup("web"));
        assertEquals(List.of(ip("172.21.0.3")), dns.lookup(NameResolution.shortId("db")));
        assertTrue(dns.lookup("old").isEmpty(), "the default bridge is not in the embedded DNS");
        DnsServer dbDns = dns(t, "db");
        assertTrue(dbDns.lookup("lonely").isEmpty(), "db shares no network with lonely");
        assertEquals(List.of(ip("172.21.0.2")), dbDns.lookup("www"));
    }

    @Test
    void queriesForPort53AreDnatedToTheEmbeddedServersRealPort() {
        Topology t = lower("""
                networks: {front: {subnet: 172.20.0.0/16}}
                containers:
                  web: {networks: [front], listen: [53/udp]}
                """);
        DnsServer dns = dns(t, "web");
        assertTrue(dns.port() >= 32768 && dns.port() <= 60999, "port " + dns.port());
        String rules = IptablesSave.render(t.ruleset("web").orElseThrow());
        assertTrue(rules.contains("-A OUTPUT -d 127.0.0.11/32 -j DOCKER_OUTPUT\n"), rules);
        assertTrue(rules.contains("-A POSTROUTING -d 127.0.0.11/32 -j DOCKER_POSTROUTING\n"), rules);
        assertTrue(rules.contains("-A DOCKER_OUTPUT -d 127.0.0.11/32 -p udp -m udp --dport 53 -j DNAT --to-destination 127.0.0.11:"
                + dns.port() + "\n"), rules);
    }

    @Test
    void defaultBridgeContainersGetDockersFallbackNameserversAndLinksInTheirHostsFile() {
        Topology t = lower("""
                containers:
                  db: {}
                  web: {links: ["db:database"]}
                  tool: {links: [db]}
                """);
        ResolverConfig web = t.resolverIn("web").orElseThrow();
        assertEquals("nameserver 8.8.8.8\nnameserver 8.8.4.4\n", web.resolvConf());
        String id = NameResolution.shortId("db");
        assertEquals("127.0.0.1\tlocalhost\n172.17.0.2\tdatabase " + id + " db\n172.17.0.3\t" + NameResolution.shortId("web") + "\n",
                web.hostsFile());
        assertTrue(t.resolverIn("tool").orElseThrow().hostsFile().contains("172.17.0.2\tdb " + id + "\n"));
        assertTrue(t.servicesIn("web").stream().noneMatch(DnsServer.class::isInstance));
        assertEquals("127.0.0.1\tlocalhost\n", t.resolverIn("host").orElseThrow().hostsFile());
    }

    @Test
    void withIccOffALinkOpensTheLinkedContainersExposedPortsAsLibnetworkInsertsThem() {
        Topology t = lower("""
                hosts:
                  host: {daemon: {icc: false}}
                containers:
                  db: {expose: [5432, 53/udp]}
                  web: {links: [db]}
                """);
        String rules = IptablesSave.render(t.ruleset("host").orElseThrow());
        String filter = rules.substring(rules.indexOf("*filter"));
        String docker = filter.lines().filter(l -> l.startsWith("-A DOCKER ")).reduce("", (a, b) -> a + b + "\n");
        assertEquals("""
                -A DOCKER -s 172.17.0.2/32 -d 172.17.0.3/32 -i docker0 -o docker0 -p tcp -m tcp --sport 5432 -j ACCEPT
                -A DOCKER -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 5432 -j ACCEPT
                -A DOCKER -s 172.17.0.2/32 -d 172.17.0.3/32 -i docker0 -o docker0 -p udp -m udp --sport 53 -j ACCEPT
                -A DOCKER -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p udp -m udp --dport 53 -j ACCEPT
                """, docker);
    }

    @Test
    void badLinksAreRefusedWithDockersWording() {
        SpecException e = assertThrows(SpecException.class, () -> lower("""
                networks: {front: {}}
                containers:
                  db: {networks: [front]}
                  web: {links: [db, ghost]}
                """));
        assertTrue(e.getMessage().contains("Cannot link to /db, as it does not belong to the default network"), e.getMessage());
        assertTrue(e.getMessage().contains("could not get container for ghost: No such container: ghost"), e.getMessage());
    }
}
