package io.netrig.kernel;

import static io.netrig.model.topology.LinkRef.end;

import io.netrig.model.backend.Backends;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.Chain;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.firewall.Match;
import io.netrig.model.firewall.Policy;
import io.netrig.model.firewall.Rule;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.firewall.Table;
import io.netrig.model.firewall.TableName;
import io.netrig.model.firewall.Target;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.topology.Listener;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A client and a server on one veth pair (10.0.0.1 and 10.0.0.2), the client without a default route. The server
 * listens on TCP 80-84 and UDP 53, 98 and 99 (all addresses), and its INPUT chain rejects or drops some of them:
 * <ol>
 * <li>tcp 81: REJECT with tcp-reset</li>
 * <li>tcp 82: REJECT with icmp-port-unreachable</li>
 * <li>tcp 83: DROP</li>
 * <li>tcp 84: REJECT with icmp-host-prohibited</li>
 * <li>udp 99: REJECT with icmp-port-unreachable</li>
 * <li>udp 98: DROP</li>
 * </ol>
 */
public final class ServerTopology {
    public static final Ipv4Address CLIENT = Ipv4Address.parse("10.0.0.1");
    public static final Ipv4Address SERVER = Ipv4Address.parse("10.0.0.2");
    /** On the client's subnet, but no one has it: ARP goes unanswered. */
    public static final Ipv4Address ABSENT = Ipv4Address.parse("10.0.0.77");
    /** Off every subnet of the client, which has no default route. */
    public static final Ipv4Address OFF_NET = Ipv4Address.parse("10.99.0.1");

    private ServerTopology() {
    }

    public static Topology.Builder builder() {
        Provenance app = Provenance.of("test server application");
        Topology.Builder b = Topology.builder("client-server")
                .namespace("client").namespace("server")
                .veth(end("client", "eth0"), end("server", "eth0"))
                .address(end("client", "eth0"), Ipv4Interface.parse("10.0.0.1/24"))
                .address(end("server", "eth0"), Ipv4Interface.parse("10.0.0.2/24"))
                // Linux sends at most ~6 ICMP errors in a burst to one peer, then one a second: tests that run the same
                // refused probes several times in a row would otherwise see later ones time out
                .sysctl("server", "net.ipv4.icmp_ratelimit", "0")
                .ruleset(new Ruleset("server", List.of(new Table(TableName.FILTER, List.of(
                        new Chain("INPUT", Optional.of(Policy.ACCEPT), List.of(
                                rule(IpProtocol.TCP, 81, new Target.Reject("tcp-reset")),
                                rule(IpProtocol.TCP, 82, new Target.Reject("icmp-port-unreachable")),
                                rule(IpProtocol.TCP, 83, new Target.Drop()),
                                rule(IpProtocol.TCP, 84, new Target.Reject("icmp-host-prohibited")),
                                rule(IpProtocol.UDP, 99, new Target.Reject("icmp-port-unreachable")),
                                rule(IpProtocol.UDP, 98, new Target.Drop()))),
                        new Chain("FORWARD", Optional.of(Policy.ACCEPT), List.of()),
                        new Chain("OUTPUT", Optional.of(Policy.ACCEPT), List.of()))))));
        for (int port = 80; port <= 84; port++) {
            b.service(new Listener("server", IpProtocol.TCP, Ipv4Address.ANY, port, app));
        }
        for (int port : new int[] {53, 98, 99}) {
            b.service(new Listener("server", IpProtocol.UDP, Ipv4Address.ANY, port, app));
        }
        return b;
    }

    public static Topology topology() {
        return builder().build();
    }

    /** Starts {@link #topology()} on the kernel backend, with the test's own prefix (KernelTestSupport checks cleanup). */
    public static Lab start(String prefix, Path workDir) {
        return Backends.byName("kernel").start(topology(), LabOptions.defaults().withPrefix(prefix).withWorkDir(workDir));
    }

    /** A TCP probe from the client. */
    public static Probe.Tcp tcp(Ipv4Address to, int port) {
        return Probe.Tcp.of("client", to, port);
    }

    /** A UDP probe from the client. */
    public static Probe.Udp udp(Ipv4Address to, int port) {
        return Probe.Udp.of("client", to, port);
    }

    private static Rule rule(IpProtocol proto, int port, Target target) {
        return Rule.of(target, Provenance.of("test rule for " + proto.iptablesName() + " " + port),
                new Match.Protocol(proto, false), new Match.DestinationPort(port, port, false));
    }
}
