package io.netrig.kernel;

import io.netrig.model.firewall.Chain;
import io.netrig.model.firewall.CtState;
import io.netrig.model.firewall.Match;
import io.netrig.model.firewall.Policy;
import io.netrig.model.firewall.Rule;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.firewall.Table;
import io.netrig.model.firewall.TableName;
import io.netrig.model.firewall.Target;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.net.LinkName;
import io.netrig.model.topology.BridgePort;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.NamespaceKind;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.Route;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.netrig.model.topology.LinkRef.end;

/**
 * A Docker 20.10-like bridge network with inter-container communication off: a host with bridge br-1 and two
 * containers behind veth pairs, and Docker's filter table (FORWARD rule 6 drops bridge-internal traffic).
 */
public final class DockerTopology {
    public static final Ipv4Address GATEWAY = Ipv4Address.parse("172.18.0.1");
    public static final Ipv4Address C1 = Ipv4Address.parse("172.18.0.2");
    public static final Ipv4Address C2 = Ipv4Address.parse("172.18.0.3");

    private DockerTopology() {
    }

    public static Topology.Builder builder(boolean defaultRoutes) {
        Provenance net = Provenance.of("network 'back'");
        Topology.Builder b = Topology.builder("docker-icc-off")
                .namespace("host", NamespaceKind.HOST, Provenance.of("docker host"))
                .namespace("c1", NamespaceKind.CONTAINER, Provenance.of("container 'c1'"))
                .namespace("c2", NamespaceKind.CONTAINER, Provenance.of("container 'c2'"))
                .bridge(end("host", "br-1"))
                .link(new Veth(Iface.of(end("host", "veth1a2b3c4")).withPort(BridgePort.of(LinkName.of("br-1"))),
                        Iface.of(end("c1", "eth0")), Provenance.of("container 'c1' endpoint on 'back'")))
                .link(new Veth(Iface.of(end("host", "veth5d6e7f8")).withPort(BridgePort.of(LinkName.of("br-1"))),
                        Iface.of(end("c2", "eth0")), Provenance.of("container 'c2' endpoint on 'back'")))
                .address(end("host", "br-1"), Ipv4Interface.parse("172.18.0.1/16"))
                .address(end("c1", "eth0"), Ipv4Interface.parse("172.18.0.2/16"))
                .address(end("c2", "eth0"), Ipv4Interface.parse("172.18.0.3/16"))
                .sysctl("host", "net.ipv4.ip_forward", "1")
                .sysctl("host", "net.bridge.bridge-nf-call-iptables", "1")
                .ruleset(new Ruleset("host", List.of(filter(net))));
        if (defaultRoutes) {
            b.route(Route.via("c1", Ipv4Prefix.DEFAULT, GATEWAY, net)).route(Route.via("c2", Ipv4Prefix.DEFAULT, GATEWAY, net));
        }
        return b;
    }

    public static Topology topology() {
        return builder(true).build();
    }

    static Table filter(Provenance p) {
        Chain forward = new Chain("FORWARD", Optional.of(Policy.ACCEPT), List.of(
                Rule.of(new Target.Jump("DOCKER-USER"), p),
                Rule.of(new Target.Jump("DOCKER-ISOLATION-STAGE-1"), p),
                Rule.of(new Target.Accept(), p, new Match.OutInterface("br-1", false),
                        new Match.Conntrack(Set.of(CtState.RELATED, CtState.ESTABLISHED), false)),
                Rule.of(new Target.Jump("DOCKER"), p, new Match.OutInterface("br-1", false)),
                Rule.of(new Target.Accept(), p, new Match.InInterface("br-1", false), new Match.OutInterface("br-1", true)),
                Rule.of(new Target.Drop(), p, new Match.InInterface("br-1", false), new Match.OutInterface("br-1", false))));
        return new Table(TableName.FILTER, List.of(
                new Chain("INPUT", Optional.of(Policy.ACCEPT), List.of()),
                forward,
                new Chain("OUTPUT", Optional.of(Policy.ACCEPT), List.of()),
                new Chain("DOCKER", Optional.empty(), List.of()),
                new Chain("DOCKER-ISOLATION-STAGE-1", Optional.empty(), List.of(
                        Rule.of(new Target.Jump("DOCKER-ISOLATION-STAGE-2"), p, new Match.InInterface("br-1", false),
                                new Match.OutInterface("br-1", true)),
                        Rule.of(new Target.Return(), p))),
                new Chain("DOCKER-ISOLATION-STAGE-2", Optional.empty(), List.of(
                        Rule.of(new Target.Drop(), p, new Match.OutInterface("br-1", false)),
                        Rule.of(new Target.Return(), p))),
                new Chain("DOCKER-USER", Optional.empty(), List.of(Rule.of(new Target.Return(), p)))));
    }
}
