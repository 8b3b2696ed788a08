package io.netrig.model.spec.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.netrig.model.Problem;
import io.netrig.model.SourceLocation;
import io.netrig.model.SpecException;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.net.MacAddress;
import io.netrig.model.spec.ContainerSpec;
import io.netrig.model.spec.DaemonOptions;
import io.netrig.model.spec.EndpointSpec;
import io.netrig.model.spec.ExpectSpec;
import io.netrig.model.spec.ExpectedResult;
import io.netrig.model.spec.HostSpec;
import io.netrig.model.spec.InterfaceSpec;
import io.netrig.model.spec.LabSpec;
import io.netrig.model.spec.NetworkDriver;
import io.netrig.model.spec.NetworkSpec;
import io.netrig.model.spec.ProbeSpec.PingSpec;
import io.netrig.model.spec.RouteSpec;
import io.netrig.model.spec.SpecPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class YamlSpecLoaderTest {
    private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());

    @AfterEach
    void closeFileSystem() throws IOException {
        fs.close();
    }

    // ---- valid specs

    @Test
    void readsTwoBridgesExampleWithOrderAndDefaults() throws IOException {
        LabSpec lab = YamlSpecLoader.load(example("two-bridges.yaml"));

        assertEquals("two-bridges", lab.name());
        assertEquals("20.10", lab.docker().generation());
        assertEquals(List.of(LabSpec.IMPLICIT_HOST), List.copyOf(lab.hosts().keySet()),
                "a spec without hosts: runs on one implicit Docker host");
        HostSpec host = lab.hosts().get(LabSpec.IMPLICIT_HOST);
        assertTrue(host.docker() && host.forwarding(), "the implicit host is a Docker host, which forwards");
        assertEquals(DaemonOptions.DEFAULTS, host.daemon());

        assertEquals(List.of("frontend", "backend"), List.copyOf(lab.networks().keySet()), "networks keep file order");
        NetworkSpec front = lab.networks().get("frontend");
        assertEquals(new NetworkSpec("frontend", NetworkDriver.BRIDGE, Optional.empty(),
                Optional.of(Ipv4Prefix.parse("172.20.0.0/16")), Optional.of(Ipv4Address.parse("172.20.0.1")),
                Optional.of(Ipv4Prefix.parse("172.20.5.0/24")), Map.of("router", Ipv4Address.parse("172.20.0.2")),
                false, Optional.of("br-front"), false, true, OptionalInt.of(1450), Optional.empty(),
                io.netrig.model.topology.MacvlanMode.BRIDGE, Optional.empty()), front);
        NetworkSpec back = lab.networks().get("backend");
        assertTrue(back.internal());
        assertEquals(Optional.of("br-back"), back.bridgeName(), "short option names are accepted");
        assertTrue(back.enableIcc());
        assertEquals(OptionalInt.of(1400), back.mtu());
        assertEquals(Optional.empty(), back.subnet(), "an absent subnet is left to IPAM");

        assertEquals(List.of("web", "db", "tool"), List.copyOf(lab.containers().keySet()));
        assertEquals(new ContainerSpec("web", LabSpec.IMPLICIT_HOST, List.of(
                new EndpointSpec("frontend", Optional.of(Ipv4Address.parse("172.20.0.10")), List.of("www", "site")),
                new EndpointSpec("backend", Optional.empty(), List.of()))), lab.containers().get("web"));
        assertEquals(List.of(new EndpointSpec("backend", Optional.empty(), List.of())),
                lab.containers().get("db").endpoints(), "a list of network names is accepted");
        assertEquals(List.of(), lab.containers().get("tool").endpoints(), "no networks: the default bridge");

        assertEquals(List.of(
                new ExpectSpec(new PingSpec("web", "db", 3), ExpectedResult.OK, SpecPath.of("expect", "0")),
                new ExpectSpec(new PingSpec("web", "8.8.8.8", 1), ExpectedResult.FAIL, SpecPath.of("expect", "1")),
                new ExpectSpec(new PingSpec("tool", "db", 1), ExpectedResult.TIMEOUT, SpecPath.of("expect", "2"))),
                lab.expect());
    }

    @Test
    void recordsWhereEachValueWasWritten() throws IOException {
        Path file = example("two-bridges.yaml");
        LabSpec lab = YamlSpecLoader.load(file);
        String src = file.toString();

        assertEquals(SourceLocation.of(src, 5, 3), lab.sources().locate("networks", "frontend"), "a mapping is located at its key");
        assertEquals(SourceLocation.of(src, 7, 13), lab.sources().locate("networks", "frontend", "subnet"), "a scalar at its value");
        assertEquals(SourceLocation.of(src, 9, 15), lab.sources().locate("networks", "frontend", "ip_range"));
        assertEquals(SourceLocation.of(src, 22, 22), lab.sources().locate("containers", "web", "networks", "frontend", "ip"));
        assertEquals(SourceLocation.of(src, 25, 16), lab.sources().locate("containers", "db", "networks", "backend"),
                "a network named in a list is located at the name");
        assertEquals(SourceLocation.of(src, 29, 28), lab.sources().locate("expect", "1", "ping", "to"));
        assertEquals(SourceLocation.of(src, 28, 5), lab.sources().locate("expect", "0"));
        assertEquals(SourceLocation.of(src, 23, 7), lab.sources().locate("containers", "web", "networks", "backend", "ip"),
                "an unwritten value falls back to the nearest written part");
    }

    @Test
    void readsHostsInterfacesRoutesAndDaemonOptions() throws IOException {
        LabSpec lab = YamlSpecLoader.load(example("lan-router.yaml"));

        assertEquals("lan-router", lab.name(), "the default name is the file name without .yaml");
        assertEquals("20.10", lab.docker().generation(), "20.10 written as a number is not read as 20.1");
        assertEquals(List.of("lan", "wan"), List.copyOf(lab.segments().keySet()));
        assertEquals(List.of("host1", "host2", "router", "internet"), List.copyOf(lab.hosts().keySet()));

        HostSpec host1 = lab.hosts().get("host1");
        assertTrue(host1.docker());
        assertTrue(host1.forwarding(), "Docker hosts forward by default");
        assertEquals(new InterfaceSpec("ens160", "lan", Optional.of(Ipv4Interface.parse("10.3.1.45/24")),
                Optional.of(MacAddress.parse("02:00:0a:03:01:2d")), OptionalInt.of(1500)), host1.interfaces().get("ens160"));
        assertEquals(List.of(new RouteSpec(Ipv4Prefix.DEFAULT, Optional.of(Ipv4Address.parse("10.3.1.1")), Optional.empty(), 0)),
                host1.routes());
        assertEquals(new DaemonOptions(Optional.of(Ipv4Interface.parse("172.17.0.1/16")),
                Optional.of(Ipv4Prefix.parse("172.17.0.0/24")), false, true, true, 1500, true, Optional.empty()), host1.daemon(),
                "dockerd's hyphenated spellings are accepted");

        HostSpec host2 = lab.hosts().get("host2");
        assertEquals(false, host2.forwarding());
        assertEquals(List.of(new RouteSpec(Ipv4Prefix.parse("192.168.0.0/16"), Optional.of(Ipv4Address.parse("10.3.1.1")),
                Optional.of("ens160"), 10)), host2.routes());

        HostSpec router = lab.hosts().get("router");
        assertEquals(false, router.docker());
        assertTrue(router.forwarding());
        assertEquals(List.of("eth0", "eth1"), List.copyOf(router.interfaces().keySet()), "interfaces keep file order");
        assertEquals(false, lab.hosts().get("internet").forwarding(), "plain machines do not forward by default");
        assertEquals(List.of(new RouteSpec(Ipv4Prefix.parse("10.3.1.0/24"), Optional.empty(), Optional.of("eth0"), 0)),
                lab.hosts().get("internet").routes());

        assertEquals(Optional.of("host1"), lab.networks().get("apps").host());
        assertEquals("host2", lab.containers().get("node-2").host());
        assertEquals(ExpectedResult.NO_ROUTE, lab.expect().get(1).result());
    }

    @Test
    void containerWithoutHostGoesToTheOnlyDockerHost() {
        LabSpec lab = YamlSpecLoader.parse("lab.yaml", """
                hosts:
                  h1:
                  router: {docker: false}
                containers:
                  c1: {}
                """);
        assertEquals("h1", lab.containers().get("c1").host());
        assertEquals(DaemonOptions.DEFAULTS, lab.hosts().get("h1").daemon(), "a host with no value has all defaults");
    }

    @Test
    void containerWithoutHostAmongSeveralDockerHostsIsLeftToTheValidator() {
        LabSpec lab = YamlSpecLoader.parse("lab.yaml", """
                hosts: {h1: , h2: }
                containers:
                  c1: {}
                """);
        assertEquals("", lab.containers().get("c1").host());
    }

    @Test
    void networkWithEmptyHostAndDriverListIsAccepted() {
        LabSpec lab = YamlSpecLoader.parse("/tmp/x/my-lab.yml", """
                networks:
                  n1: {host: , driver: macvlan}
                  n2:
                """);
        assertEquals("my-lab", lab.name());
        assertEquals(Optional.empty(), lab.networks().get("n1").host());
        assertEquals(NetworkDriver.MACVLAN, lab.networks().get("n1").driver(), "drivers not lowered yet are still read");
        assertEquals(NetworkSpec.bridge("n2"), lab.networks().get("n2"));
    }

    // ---- problems, each at its place

    @Test
    void rejectsSubnetThatIsNotAPrefix() {
        assertProblems("""
                networks:
                  pub_net:
                    subnet: 10.3.1.0/33
                """, "lab.yaml:3:13: network 'pub_net': subnet '10.3.1.0/33' is not an IPv4 prefix"
                + " (expected CIDR notation, e.g. 172.18.0.0/16)");
    }

    @Test
    void rejectsSubnetWithHostBits() {
        assertProblems("""
                networks:
                  pub_net: {subnet: 10.3.1.5/24}
                """, "lab.yaml:2:21: network 'pub_net': subnet '10.3.1.5/24' has host bits set"
                + " (expected the network address: 10.3.1.0/24)");
    }

    @Test
    void rejectsBadAddresses() {
        assertProblems("""
                networks:
                  n: {gateway: 10.0.0.256}
                containers:
                  c:
                    networks:
                      n: {ip: 10.0.0}
                hosts:
                  h:
                    interfaces: {eth0: {segment: lan, address: 10.0.0.1, mac: 02:42}}
                """,
                "lab.yaml:2:16: network 'n': gateway '10.0.0.256' is not an IPv4 address"
                        + " (expected four numbers 0-255 separated by dots, e.g. 10.0.0.1)",
                "lab.yaml:6:15: container 'c' network 'n': ip '10.0.0' is not an IPv4 address"
                        + " (expected four numbers 0-255 separated by dots, e.g. 10.0.0.1)",
                "lab.yaml:9:48: interface 'eth0' of host 'h': address '10.0.0.1' is not an address with a prefix length"
                        + " (expected address/length, e.g. 10.3.1.45/24)",
                "lab.yaml:9:63: interface 'eth0' of host 'h': mac '02:42' is not a MAC address"
                        + " (expected six hex pairs separated by colons, e.g. 02:42:ac:11:00:02)");
    }

    @Test
    void rejectsUnknownKeyWithSuggestion() {
        assertProblems("""
                networks:
                  pub_net:
                    subent: 10.3.1.0/24
                netwroks: {}
                """,
                "lab.yaml:3:5: unknown key 'subent' in network 'pub_net' (did you mean 'subnet'? expected one of:"
                        + " driver, host, subnet, gateway, ip_range, aux_addresses, internal, attachable, ingress, encrypted, parent, macvlan_mode, ipvlan_mode, options)",
                "lab.yaml:4:1: unknown key 'netwroks' at the top level (did you mean 'networks'? expected one of:"
                        + " name, docker, segments, hosts, networks, containers, services, expect, commands)");
    }

    @Test
    void rejectsUnknownKeyWithoutCloseMatch() {
        assertProblems("""
                segments:
                  lan: {vlan: 5}
                volumes: {}
                """,
                "lab.yaml:2:9: unknown key 'vlan' in segment 'lan' (it takes no keys)",
                "lab.yaml:3:1: unknown key 'volumes' at the top level (expected one of:"
                        + " name, docker, segments, hosts, networks, containers, services, expect, commands)");
    }

    @Test
    void rejectsValuesOfTheWrongType() {
        assertProblems("""
                networks:
                  n1: [a, b]
                  n2: {internal: yes, options: {mtu: big}}
                hosts:
                  h:
                    routes: {to: default}
                    interfaces: {eth0: {segment: lan, mtu: 9000.5}}
                expect:
                  - {ping: {from: a, to: b, count: 0}, result: ok}
                """,
                "lab.yaml:2:3: network 'n1' is a list (expected a mapping)",
                "lab.yaml:3:18: network 'n2': internal 'yes' is not true or false (expected true or false)",
                "lab.yaml:3:38: network 'n2' options: mtu 'big' is not an integer (expected an integer 68-65535)",
                "lab.yaml:6:5: host 'h': routes is a mapping (expected a list)",
                "lab.yaml:7:44: interface 'eth0' of host 'h': mtu '9000.5' is not an integer (expected an integer 68-65535)",
                "lab.yaml:9:36: expect item 1 ping: count 0 is out of range (expected an integer 1-100)");
    }

    @Test
    void rejectsDuplicateKeys() {
        assertProblems("""
                networks:
                  n:
                    subnet: 10.0.0.0/24
                    subnet: 10.0.1.0/24
                  n: {}
                """,
                "lab.yaml:4:5: duplicate key 'subnet' in network 'n' (first written at line 3; write each key once)",
                "lab.yaml:5:3: duplicate key 'n' in networks (first written at line 2; write each key once)");
    }

    @Test
    void rejectsTwoSpellingsOfOneKey() {
        assertProblems("""
                networks:
                  n: {ip_range: 10.0.0.0/25, ip-range: 10.0.0.0/26}
                """,
                "lab.yaml:2:30: 'ip_range' and 'ip-range' in network 'n' are two spellings of the same key"
                        + " (expected only one of them)");
    }

    @Test
    void reportsYamlSyntaxErrorAtItsMark() {
        SpecException e = assertThrows(SpecException.class, () -> YamlSpecLoader.parse("lab.yaml", """
                networks:
                  n: {subnet: 10.0.0.0/24
                containers: {}
                """));
        assertEquals(1, e.problems().size(), e.getMessage());
        Problem p = e.problems().getFirst();
        assertEquals(3, p.location().line(), e.getMessage());
        assertTrue(p.message().startsWith("YAML syntax error: "), p.message());
    }

    @Test
    void reportsBadIndentationAsSyntaxError() {
        SpecException e = assertThrows(SpecException.class, () -> YamlSpecLoader.parse("lab.yaml", """
                networks:
                  n:
                    subnet: 10.0.0.0/24
                   gateway: 10.0.0.1
                """));
        assertEquals(List.of(SourceLocation.of("lab.yaml", 4, 4)), e.problems().stream().map(Problem::location).toList(),
                e.getMessage());
    }

    @Test
    void rejectsUnknownResultDriverAndProbe() {
        assertProblems("""
                networks:
                  n: {driver: brige}
                expect:
                  - {ping: {from: a, to: b}, result: pass}
                  - {traceroute: {from: a, to: b}, result: ok}
                  - {result: ok}
                """,
                "lab.yaml:2:15: network 'n': driver 'brige' is not a Docker network driver (did you mean 'bridge'?"
                        + " expected one of: bridge, host, none, macvlan, ipvlan, overlay)",
                "lab.yaml:4:38: expect item 1: result 'pass' is not a known result"
                        + " (expected one of: ok, fail, dropped, no-route, unreachable, refused, timeout, not-found)",
                "lab.yaml:5:6: expect item 2: probe 'traceroute' is not supported (supported: ping, tcp, udp, lookup)",
                "lab.yaml:6:5: expect item 3: has no probe (expected one of: ping, tcp, udp, lookup)");
    }

    @Test
    void rejectsMissingRequiredValues() {
        assertProblems("""
                hosts:
                  h:
                    interfaces:
                      eth0: {address: 10.0.0.1/24}
                    routes:
                      - {to: default}
                      - {via: 10.0.0.1}
                expect:
                  - {ping: {to: b}}
                """,
                "lab.yaml:4:7: interface 'eth0' of host 'h': segment is missing"
                        + " (expected the name of the segment this interface is plugged into)",
                "lab.yaml:6:9: route 1 of host 'h': has neither via nor dev (expected via: a gateway address,"
                        + " dev: an interface name, or both)",
                "lab.yaml:7:9: route 2 of host 'h': to is missing (expected CIDR notation, e.g. 10.0.0.0/8, or default)",
                "lab.yaml:9:5: expect item 1: result is missing (expected one of: ok, fail, dropped, no-route,"
                        + " unreachable, refused, timeout, not-found)",
                "lab.yaml:9:6: expect item 1 ping: from is missing (expected the name of a host or container)");
    }

    @Test
    void rejectsInvalidNames() {
        assertProblems("""
                networks:
                  "pub net": {}
                containers:
                  -web: {}
                hosts:
                  h:
                    interfaces: {this-name-is-too-long0: {segment: lan}}
                """,
                "lab.yaml:2:3: network name 'pub net' is not a valid name (expected letters, digits, '-', '_' and '.',"
                        + " starting with a letter or digit)",
                "lab.yaml:4:3: container name '-web' is not a valid name (expected letters, digits, '-', '_' and '.',"
                        + " starting with a letter or digit)",
                "lab.yaml:7:18: host 'h': interface name 'this-name-is-too-long0' is 22 characters long"
                        + " (Linux allows at most 15)");
    }

    @Test
    void rejectsUnsupportedDockerGeneration() {
        assertProblems("docker: {generation: 19.03}\n",
                "lab.yaml:1:22: docker: generation '19.03' is not supported (supported: 20.10)");
    }

    @Test
    void rejectsDaemonOptionsOnPlainMachine() {
        assertProblems("""
                hosts:
                  router: {docker: false, daemon: {icc: false}}
                """,
                "lab.yaml:2:27: host 'router': daemon options are only allowed on a Docker host"
                        + " (expected docker: true, or no daemon key on a plain machine)");
    }

    @Test
    void rejectsNetworkListedTwiceAndNonMappingSpec() {
        assertProblems("""
                containers:
                  c: {networks: [a, b, a]}
                """, "lab.yaml:2:24: container 'c': network 'a' is listed twice (expected each network once)");
        assertProblems("- a\n- b\n", "lab.yaml:1:1: the spec is a list (expected a mapping with keys such as"
                + " name, docker, segments, hosts, networks, containers, services, expect, commands)");
        assertProblems("", "lab.yaml: the spec is empty (expected a mapping with keys such as"
                + " name, docker, segments, hosts, networks, containers, services, expect, commands)");
    }

    @Test
    void collectsEveryProblemInFileOrder() {
        SpecException e = assertThrows(SpecException.class, () -> YamlSpecLoader.parse("lab.yaml", """
                expect:
                  - {ping: {from: a, to: b}, result: maybe}
                networks:
                  a: {subnet: 1.2.3.4}
                  b: {gateway: x}
                containers:
                  c: {hots: h}
                """));
        assertEquals(List.of(2, 4, 5, 7), e.problems().stream().map(p -> p.location().line()).toList(), e.getMessage());
    }

    @Test
    void reportsMissingFileWithoutStackTrace() {
        SpecException e = assertThrows(SpecException.class, () -> YamlSpecLoader.load(fs.getPath("/labs/none.yaml")));
        assertEquals("/labs/none.yaml: the spec file does not exist", e.getMessage());
    }

    @Test
    void acceptsOptionValuesAsStringsOrTypedValues() {
        LabSpec lab = YamlSpecLoader.parse("lab.yaml", """
                networks:
                  a: {options: {enable_ip_masquerade: "false", com.docker.network.driver.mtu: 1500}}
                """);
        assertEquals(false, lab.networks().get("a").enableIpMasquerade());
        assertEquals(OptionalInt.of(1500), lab.networks().get("a").mtu());
        assertProblems("""
                networks:
                  a: {options: {enable_icc: "no", com.docker.network.bridge.nmae: br0}}
                """,
                "lab.yaml:2:29: network 'a' options: enable_icc 'no' is not true or false (expected true or false)",
                "lab.yaml:2:35: unknown key 'com.docker.network.bridge.nmae' in network 'a' options (did you mean"
                        + " 'com.docker.network.bridge.name'? expected one of: com.docker.network.bridge.name,"
                        + " com.docker.network.bridge.enable_icc, com.docker.network.bridge.enable_ip_masquerade,"
                        + " com.docker.network.bridge.host_binding_ipv4, com.docker.network.driver.mtu, parent, macvlan_mode, ipvlan_mode,"
                        + " com.docker.network.driver.overlay.vxlanid_list, encrypted)");
    }

    // ---- helpers

    private Path example(String name) throws IOException {
        Path dir = Files.createDirectories(fs.getPath("/labs"));
        Path file = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/specs/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private static void assertProblems(String yaml, String... expected) {
        SpecException e = assertThrows(SpecException.class, () -> YamlSpecLoader.parse("lab.yaml", yaml),
                "expected the spec to be refused");
        assertEquals(String.join("\n", expected),
                e.problems().stream().map(Problem::toString).collect(Collectors.joining("\n")));
    }
}
