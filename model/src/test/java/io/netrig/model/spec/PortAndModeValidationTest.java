package io.netrig.model.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netrig.model.Problem;
import io.netrig.model.SpecException;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Published ports, listeners and network modes: Docker's syntax, Docker's error wording, file:line:column. */
class PortAndModeValidationTest {

    private static void assertProblems(String yaml, String... expected) {
        SpecException e = assertThrows(SpecException.class, () -> YamlSpecLoader.parseValidated("lab.yaml", yaml));
        assertEquals(String.join("\n", expected), String.join("\n", e.problems().stream().map(Problem::toString).toList()));
    }

    @Test
    void parsesDockerPortSyntax() {
        assertEquals(List.of(new PortSpec(Optional.of(Ipv4Address.parse("127.0.0.1")), OptionalInt.of(8080), 80, IpProtocol.TCP)),
                PortSyntax.parsePublish("127.0.0.1:8080:80"));
        assertEquals(List.of(new PortSpec(Optional.empty(), OptionalInt.empty(), 53, IpProtocol.UDP)), PortSyntax.parsePublish("53/udp"));
        assertEquals(List.of(new PortSpec(Optional.of(Ipv4Address.parse("10.0.0.1")), OptionalInt.empty(), 80, IpProtocol.TCP)),
                PortSyntax.parsePublish("10.0.0.1::80"));
        assertEquals(List.of(new PortSpec(Optional.empty(), OptionalInt.of(8000), 80, IpProtocol.TCP),
                new PortSpec(Optional.empty(), OptionalInt.of(8001), 81, IpProtocol.TCP)), PortSyntax.parsePublish("8000-8001:80-81"));
        assertEquals(new ListenSpec(53, IpProtocol.UDP), PortSyntax.parseListen("53/udp"));
    }

    @Test
    void badPortsGetDockersWordingAtTheirLine() {
        assertProblems("""
                containers:
                  web:
                    ports: ["70000:80", "8080:http", "1.2.3:80:80", "80/sctp", "8000-8002:80-81"]
                    listen: [80, 80]
                """,
                "lab.yaml:3:13: published port 1 of container 'web' '70000:80': Invalid hostPort: 70000 (expected a port number 1-65535)",
                "lab.yaml:3:25: published port 2 of container 'web' '8080:http': Invalid containerPort: http (expected a port number 1-65535)",
                "lab.yaml:3:38: published port 3 of container 'web' '1.2.3:80:80': Invalid ip address: 1.2.3",
                "lab.yaml:3:53: published port 4 of container 'web' '80/sctp': Invalid proto: sctp (expected tcp or udp)",
                "lab.yaml:3:64: published port 5 of container 'web' '8000-8002:80-81': Invalid ranges specified for container and host Ports: 80-81 and 8000-8002",
                "lab.yaml:4:18: listening port 2 of container 'web' 80/tcp is listed twice");
    }

    @Test
    void aHostPortCanBeAllocatedOnceAndAProxyNeedsAHostAddress() {
        assertProblems("""
                containers:
                  a: {ports: ["8080:80"]}
                  b: {ports: ["127.0.0.1:8080:80"]}
                  c: {ports: ["10.9.9.9:9090:80", "8080:80/udp"]}
                """,
                "lab.yaml:3:7: container 'b': Bind for 127.0.0.1:8080 failed: port is already allocated (by container 'a')",
                "lab.yaml:4:7: container 'c': Error starting userland proxy: listen tcp4 10.9.9.9:9090: bind: cannot assign"
                        + " requested address (10.9.9.9 is not an address of host 'host')");
    }

    @Test
    void networkModesAreCheckedWithDockersWording() {
        assertProblems("""
                containers:
                  a: {network_mode: "container:a"}
                  b: {network_mode: "container:ghost"}
                  c: {network_mode: "container:d", ports: ["80:80"]}
                  d: {networks: [host, bridge]}
                  e: {network_mode: hots}
                """,
                "lab.yaml:2:21: container 'a': cannot join own network",
                "lab.yaml:3:21: container 'b': No such container: ghost (containers: a, b, c, d, e)",
                "lab.yaml:4:36: container 'c': conflicting options: port publishing and the container type network mode",
                "lab.yaml:5:7: container 'd': network 'host' cannot be combined with other networks or a network_mode"
                        + " (Docker: conflicting options: cannot attach both user-defined and non-user-defined network-modes)",
                "lab.yaml:6:21: container 'e': network_mode 'hots': is not a network mode (expected host, none, bridge or container:NAME)");
    }

    @Test
    void publishedPortsInHostModeAreDiscardedWithDockersWarning() {
        ValidatedLab lab = YamlSpecLoader.parseValidated("lab.yaml", """
                containers:
                  agent: {networks: [host], ports: ["8080:80"]}
                """);
        assertEquals(List.of("lab.yaml:2:29: container 'agent': Published ports are discarded when using host network mode"),
                lab.warnings().stream().map(Problem::toString).toList());
    }

    @Test
    void sharedNamespacesCannotListenTwiceOnOnePort() {
        assertProblems("""
                hosts:
                  host: {listen: [8125/udp]}
                containers:
                  agent: {networks: [host], listen: [8125/udp]}
                """,
                "lab.yaml:4:29: container 'agent': listen 8125/udp: bind: address already in use (taken by host 'host' in the"
                        + " same network namespace)");
    }

    @Test
    void dockerProxyCannotBindAPortTheHostAlreadyListensOn() {
        assertProblems("""
                hosts:
                  host: {listen: [8080]}
                containers:
                  web: {ports: ["8080:80"]}
                """,
                "lab.yaml:4:9: docker-proxy for container 'web': listen tcp4 0.0.0.0:8080: bind: address already in use (taken by"
                        + " host 'host' in the same network namespace)");
    }

    @Test
    void defaultGatewayMustBeInsideTheDefaultBridge() {
        assertProblems("""
                hosts:
                  host: {daemon: {default-gateway: 10.0.0.1}}
                """,
                "lab.yaml:2:36: host 'host': default-gateway 10.0.0.1 is not inside the default bridge subnet 172.17.0.0/16"
                        + " (Docker: auxiliary address: (DefaultGatewayIPv4:10.0.0.1) must belong to the master pool: 172.17.0.0/16)");
    }
}
