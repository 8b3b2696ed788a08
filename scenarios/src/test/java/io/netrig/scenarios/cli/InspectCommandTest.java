package io.netrig.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrig.model.ipam.AddressPlan;
import io.netrig.model.ipam.NetworkPlan;
import io.netrig.model.spec.ValidatedLab;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netrig inspect} as a user meets it: exit codes, --host, and output that parses as what it imitates. */
class InspectCommandTest {
    private static final String LAB = """
            name: inspect-cli
            segments: {lan: {}}
            hosts:
              host1:
                interfaces: {ens160: {segment: lan, address: 10.3.1.45/24}}
              router:
                docker: false
                interfaces: {eth0: {segment: lan, address: 10.3.1.1/24}}
            networks:
              front: {host: host1, subnet: 172.20.0.0/16, gateway: 172.20.0.254, ip_range: 172.20.5.0/24, aux_addresses: {gw2: 172.20.0.2}}
              auto: {host: host1}
              pub_net: {driver: macvlan, host: host1, parent: ens160, subnet: 10.3.1.0/24, gateway: 10.3.1.1, ip_range: 10.3.1.144/28}
            containers:
              a: {}
              b: {}
              web: {networks: [front, auto]}
              node-1: {networks: [pub_net]}
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path lab;

    @BeforeEach
    void writeLab() throws IOException {
        lab = dir.resolve("lab.yaml");
        Files.writeString(lab, LAB);
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** The output of each {@code $ command} section of one host's part of the text report, by command line. */
    private static Map<String, String> sections(String text, String host) {
        int start = text.indexOf("\n== " + host + " ");
        int end = text.indexOf("\n== ", start + 1);
        String part = text.substring(start, end < 0 ? text.length() : end);
        Map<String, String> out = new HashMap<>();
        Pattern.compile("\n\\$ ").splitAsStream(part).skip(1).forEach(section -> {
            int eol = section.indexOf('\n');
            out.put(section.substring(0, eol), section.substring(eol + 1).strip());
        });
        return out;
    }

    @Test
    void inspectsEveryHostOfTheShippedExample() {
        Path example = Path.of(System.getProperty("netrig.root", "..")).resolve("examples/macvlan-lan.yaml");
        CliRun r = run("inspect", example.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("== host1 (Docker host) ==") && r.out().contains("== router (plain machine) =="), r.out());
        assertTrue(r.out().contains("$ docker network inspect pub_net"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void hostOptionShowsThatHostOnly() {
        CliRun r = run("inspect", lab.toString(), "--host", "router");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("== router (plain machine) =="), r.out());
        assertFalse(r.out().contains("host1"), r.out());
    }

    @Test
    void unknownHostIsBadInputNamingTheHostsThereAre() {
        CliRun r = run("inspect", lab.toString(), "--host", "host2");
        assertEquals(Netrig.BAD_INPUT, r.exit());
        assertEquals("netrig: --host: lab 'inspect-cli' has no host named 'host2' (hosts: host1, router)", r.err().strip());
        assertEquals("", r.out());
    }

    @Test
    void missingFileIsBadInput() {
        CliRun r = run("inspect", dir.resolve("nope.yaml").toString());
        assertEquals(Netrig.BAD_INPUT, r.exit());
        assertTrue(r.err().contains("nope.yaml: no such file"), r.err());
    }

    @Test
    void specProblemsAreReportedWithTheirLocationsAndExitCode2() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                networks:
                  front: {subnet: 172.20.0.0/16}
                containers:
                  c: {networks: [nowhere]}
                """);
        CliRun r = run("inspect", bad.toString());
        assertEquals(Netrig.BAD_INPUT, r.exit());
        assertTrue(r.err().contains(bad + ":4:18: container 'c': network 'nowhere' is not defined"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace:\n" + r.err());
    }

    @Test
    void unknownFormatIsBadInput() {
        CliRun r = run("inspect", lab.toString(), "--format", "yaml");
        assertEquals(Netrig.BAD_INPUT, r.exit());
        assertTrue(r.err().contains("--format"), r.err());
    }

    @Test
    void eachNetworkInspectSectionIsAJsonArrayOfThatNetworkWhoseIdMatchesNetworkLs() throws IOException {
        CliRun r = run("inspect", lab.toString(), "--host", "host1");
        assertEquals(0, r.exit(), r.err());
        Map<String, String> s = sections(r.out(), "host1");
        List<String> ls = s.get("docker network ls").lines().skip(1).toList();
        assertEquals(List.of("auto", "bridge", "front", "host", "none", "pub_net"), ls.stream().map(l -> l.split(" +")[1]).toList());
        for (String row : ls) {
            String[] cells = row.split(" +");
            JsonNode array = JSON.readTree(s.get("docker network inspect " + cells[1]));
            assertTrue(array.isArray() && array.size() == 1, array.toString());
            JsonNode n = array.get(0);
            assertEquals(cells[1], n.get("Name").asText());
            assertTrue(n.get("Id").asText().matches("[0-9a-f]{64}"), n.get("Id").asText());
            assertEquals(cells[0], n.get("Id").asText().substring(0, 12), "network ls shows the ID's first 12 digits");
            assertEquals(cells[2], n.get("Driver").asText());
            assertEquals("local", n.get("Scope").asText());
        }
        assertTrue(s.get("brctl show").startsWith("bridge name\tbridge id\t\tSTP enabled\tinterfaces"), s.get("brctl show"));
        assertTrue(s.get("docker exec web ip addr").contains("inet 172.20.5.0/16 brd 172.20.255.255 scope global eth0"),
                s.get("docker exec web ip addr"));
        assertTrue(s.get("iptables -t nat -S").startsWith("-P PREROUTING ACCEPT"), s.get("iptables -t nat -S"));
    }

    @Test
    void jsonFormatParsesAndItsAddressesAreTheAddressPlans() throws IOException {
        CliRun r = run("inspect", lab.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = JSON.readTree(r.out());
        assertEquals("inspect-cli", doc.get("lab").asText());
        assertEquals(List.of("host1", "router"), names(doc.get("hosts"), "name"));
        ValidatedLab validated = YamlSpecLoader.loadValidated(lab);
        AddressPlan plan = validated.addresses();
        JsonNode host1 = doc.get("hosts").get(0);
        int checkedEndpoints = 0;
        for (JsonNode n : host1.get("networks")) {
            String name = n.get("Name").asText();
            if (name.equals("host") || name.equals("none")) {
                assertEquals(0, n.get("IPAM").get("Config").size(), name);
                continue;
            }
            NetworkPlan np = plan.network("host1", name).orElseThrow();
            JsonNode config = n.get("IPAM").get("Config").get(0);
            assertEquals(np.subnet().toString(), config.get("Subnet").asText(), name);
            assertEquals(np.gateway().toString(), config.get("Gateway").asText(), name);
            for (var e : n.get("Containers").properties()) {
                String container = e.getValue().get("Name").asText();
                var ip = plan.endpoint(container, name).orElseThrow();
                assertEquals(ip + "/" + np.subnet().length(), e.getValue().get("IPv4Address").asText(), container + " on " + name);
                assertTrue(e.getKey().matches("[0-9a-f]{64}"), e.getKey());
                checkedEndpoints++;
            }
        }
        assertEquals(plan.endpoints().size(), checkedEndpoints, "every planned endpoint is listed on its network");
        JsonNode front = find(host1.get("networks"), "Name", "front").get("IPAM").get("Config").get(0);
        assertEquals("172.20.5.0/24", front.get("IPRange").asText());
        assertEquals("172.20.0.2", front.get("AuxiliaryAddresses").get("gw2").asText());
        JsonNode web = find(host1.get("containers"), "name", "web");
        assertEquals(List.of("lo", "eth0", "eth1"), names(web.get("ip_addr"), "ifname"));
        JsonNode eth0 = web.get("ip_addr").get(1);
        assertEquals(plan.endpoint("web", "front").orElseThrow().toString(), eth0.get("addr_info").get(0).get("local").asText());
        JsonNode peer = find(host1.get("ip_addr"), "ifindex", eth0.get("link_index").asText());
        assertEquals(eth0.get("ifindex").asInt(), peer.get("link_index").asInt(), "the host veth points back at eth0");
        JsonNode router = doc.get("hosts").get(1);
        assertFalse(router.get("docker").asBoolean());
        assertFalse(router.has("networks") || router.has("iptables"), router.toString());
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.get(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no element with " + field + " = " + value + " in " + array);
    }
}
