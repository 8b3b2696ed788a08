package io.netrig.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.kernel.internal.KernelLab;
import io.netrig.kernel.netns.Inet;
import io.netrig.kernel.netns.NamespaceThreads;
import io.netrig.model.backend.Backends;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.check.ProbeResolver;
import io.netrig.model.lower.Lowering;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.spec.ProbeSpec;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.PortProxy;
import io.netrig.model.topology.Topology;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker-lowered labs with published ports (the scenarios of features/ports/published_ports.feature): reached through
 * dockerd's DNAT from the LAN, and through docker-proxy, running in this JVM, from containers and the host itself.
 */
class PublishedPortIT extends KernelTestSupport {
    private static final Ipv4Address HOST1 = Ipv4Address.parse("10.3.1.45");

    @TempDir
    Path work;

    private Lab start(Topology t) {
        Lab lab = Backends.byName("kernel").start(t, LabOptions.defaults().withPrefix("nrpp").withWorkDir(work));
        assertRootLinksUntouched("right after starting lab '" + t.name() + "'");
        return lab;
    }

    private static Topology lower(String yaml) {
        return Lowering.lower(YamlSpecLoader.parseValidated("lab.yaml", yaml));
    }

    private static Observation tcp(Lab lab, String from, String to, int port) {
        return lab.probe(new ProbeResolver(lab.topology()).resolve(new ProbeSpec.TcpSpec(from, to, port)));
    }

    private static Observation udp(Lab lab, String from, String to, int port) {
        return lab.probe(new ProbeResolver(lab.topology()).resolve(new ProbeSpec.UdpSpec(from, to, port)));
    }

    private static void assertOutcome(Outcome expected, Observation o, String why) {
        assertEquals(expected, o.outcome(), "expected " + o.probe().describe() + " to be " + expected + " (" + why + ") but: " + o);
    }

    @Test
    void aLanMachineReachesThePublishedPortAtTheHostsAddressThroughDnat() {
        Topology t = lower("""
                segments: {lan: }
                hosts:
                  host1:
                    interfaces: {eth0: {segment: lan, address: 10.3.1.45/24}}
                  laptop:
                    docker: false
                    interfaces: {eth0: {segment: lan, address: 10.3.1.50/24}}
                containers:
                  web: {host: host1, ports: ["8080:80", "5353:53/udp"]}
                """);
        try (Lab lab = start(t)) {
            assertOutcome(Outcome.REACHED, tcp(lab, "laptop", "10.3.1.45", 8080), "DNAT to web:80, whose application listens");
            assertOutcome(Outcome.REACHED, udp(lab, "laptop", "10.3.1.45", 5353), "DNAT to web:53/udp, which echoes");
            assertOutcome(Outcome.REFUSED, tcp(lab, "laptop", "10.3.1.45", 8081), "nothing is published or listens on 8081");
            assertOutcome(Outcome.NO_ROUTE, tcp(lab, "laptop", "172.17.0.2", 80), "the laptop has no route to Docker's bridge network");
        }
    }

    @Test
    void containersAndTheHostReachThePublishedPortThroughDockerProxy() {
        Topology t = lower("""
                segments: {lan: }
                hosts:
                  host1:
                    interfaces: {eth0: {segment: lan, address: 10.3.1.45/24}}
                networks:
                  other: {subnet: 172.30.0.0/24}
                containers:
                  web: {ports: ["8080:80", "5353:53/udp"]}
                  neighbour: {}
                  stranger: {networks: [other]}
                """);
        assertTrue(t.services().stream().anyMatch(s -> s instanceof PortProxy), "the lowering should run docker-proxy: " + t.services());
        try (Lab lab = start(t)) {
            assertOutcome(Outcome.REACHED, tcp(lab, "neighbour", "10.3.1.45", 8080), "the DNAT skips docker0; docker-proxy relays");
            assertOutcome(Outcome.REACHED, tcp(lab, "stranger", "10.3.1.45", 8080), "the DNAT skips every Docker bridge");
            assertOutcome(Outcome.REACHED, tcp(lab, "web", "10.3.1.45", 8080), "a container reaches itself through the proxy");
            assertOutcome(Outcome.REACHED, tcp(lab, "host1", "127.0.0.1", 8080), "no DNAT for 127.0.0.0/8: only docker-proxy listens there");
            assertOutcome(Outcome.REACHED, tcp(lab, "host1", "10.3.1.45", 8080), "the OUTPUT DNAT");
            assertOutcome(Outcome.REACHED, udp(lab, "neighbour", "172.17.0.1", 5353), "docker-proxy relays the datagram and the echo");
            assertOutcome(Outcome.REACHED, udp(lab, "host1", "127.0.0.1", 5353), "docker-proxy on loopback");
            // docker-proxy 20.10 answers from its wildcard socket, so the kernel picks the source: 172.17.0.1, not the
            // 10.3.1.45 the container asked, and the container's connected socket drops the answer
            // (moby/libnetwork#1729, fixed with IP_PKTINFO only in moby/moby#48571, Docker 28)
            assertOutcome(Outcome.TIMEOUT, udp(lab, "neighbour", "10.3.1.45", 5353), "docker-proxy 20.10 answers from 172.17.0.1");
            Observation isolated = tcp(lab, "stranger", "web", 80);
            assertOutcome(Outcome.DROPPED, isolated, "network isolation");
            assertEquals("DOCKER-ISOLATION-STAGE-2", isolated.rule().orElseThrow().chain(), "expected the isolation rule to be named: " + isolated);
        }
    }

    @Test
    void dockerProxyRelaysBytesBothWays() throws Exception {
        Topology t = lower("""
                segments: {lan: }
                hosts:
                  host1:
                    interfaces: {eth0: {segment: lan, address: 10.3.1.45/24}}
                containers:
                  web: {ports: ["8080:80"]}
                  neighbour: {}
                """);
        try (Lab lab = start(t); NamespaceThreads threads = new NamespaceThreads()) {
            String neighbour = ((KernelLab) lab).id().namespace("neighbour");
            SocketChannel c = threads.openTcp(neighbour);
            try {
                c.socket().connect(Inet.socket(HOST1, 8080), (int) Duration.ofSeconds(2).toMillis());
                c.socket().setSoTimeout(2_000);
                c.write(ByteBuffer.wrap("hello through docker-proxy".getBytes(StandardCharsets.US_ASCII)));
                c.shutdownOutput();
                var in = c.socket().getInputStream();
                byte[] all = in.readAllBytes();
                assertEquals("hello through docker-proxy", new String(all, StandardCharsets.US_ASCII),
                        "the proxy should carry the bytes to web's listener and its echo back, then pass on the end of stream");
                InetSocketAddress peer = (InetSocketAddress) c.getRemoteAddress();
                assertEquals(Inet.address(HOST1), peer.getAddress());
            } finally {
                NamespaceThreads.reset(c);
            }
        }
    }

    @Test
    void dockerProxyAcceptsBeforeItKnowsWhetherTheContainerListens() {
        Topology t = lower("""
                segments: {lan: }
                hosts:
                  host1:
                    interfaces: {eth0: {segment: lan, address: 10.3.1.45/24}}
                containers:
                  mute: {ports: ["8080:80", "5353:53/udp"], listen: []}
                  neighbour: {}
                """);
        try (Lab lab = start(t)) {
            assertOutcome(Outcome.REACHED, tcp(lab, "host1", "127.0.0.1", 8080), "docker-proxy accepts first, then fails to connect to mute:80");
            assertOutcome(Outcome.REFUSED, tcp(lab, "neighbour", "mute", 80), "nothing listens in mute");
            assertOutcome(Outcome.TIMEOUT, udp(lab, "neighbour", "10.3.1.45", 5353),
                    "docker-proxy's datagram to mute:53 meets port unreachable, which it swallows");
        }
    }

    @Test
    void withoutTheUserlandProxyHairpinNatCarriesTheSameConnections() {
        Topology t = lower("""
                segments: {lan: }
                hosts:
                  host1:
                    interfaces: {eth0: {segment: lan, address: 10.3.1.45/24}}
                    daemon: {userland-proxy: false}
                  laptop:
                    docker: false
                    interfaces: {eth0: {segment: lan, address: 10.3.1.50/24}}
                containers:
                  web: {host: host1, ports: ["8080:80"]}
                  neighbour: {host: host1}
                """);
        assertTrue(t.services().stream().noneMatch(s -> s instanceof PortProxy), "no docker-proxy without the userland proxy");
        try (Lab lab = start(t)) {
            assertOutcome(Outcome.REACHED, tcp(lab, "laptop", "10.3.1.45", 8080), "DNAT");
            assertOutcome(Outcome.REACHED, tcp(lab, "neighbour", "10.3.1.45", 8080), "hairpin DNAT");
            assertOutcome(Outcome.REACHED, tcp(lab, "web", "10.3.1.45", 8080), "hairpin DNAT and MASQUERADE back to itself");
            assertOutcome(Outcome.REACHED, tcp(lab, "host1", "10.3.1.45", 8080), "OUTPUT DNAT");
            assertOutcome(Outcome.REACHED, tcp(lab, "host1", "127.0.0.1", 8080), "OUTPUT DNAT with route_localnet");
        }
    }
}
