package io.netrig.sim;

import static io.netrig.model.topology.LinkRef.end;

import io.netrig.model.firewall.Chain;
import io.netrig.model.firewall.AddrType;
import io.netrig.model.firewall.CtState;
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
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.net.LinkName;
import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.Bridge;
import io.netrig.model.topology.BridgePort;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Listener;
import io.netrig.model.topology.Macvlan;
import io.netrig.model.topology.MacvlanMode;
import io.netrig.model.topology.NamespaceKind;
import io.netrig.model.topology.PortProxy;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.Route;
import io.netrig.model.topology.Service;
import io.netrig.model.topology.Sysctl;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Hand-built topologies the simulator tests run. */
final class Labs {
    static final Provenance TEST = Provenance.of("test");

    private Labs() {
    }

    static Rule rule(Target target, Match... matches) {
        return Rule.of(target, TEST, matches);
    }

    static Chain builtin(String name, Policy policy, Rule... rules) {
        return new Chain(name, Optional.of(policy), List.of(rules));
    }

    static Chain user(String name, Rule... rules) {
        return new Chain(name, Optional.empty(), List.of(rules));
    }

    static Topology.Builder containerOn(Topology.Builder b, String name, String hostVeth, String bridge, String ip, String gateway) {
        return b.namespace(name)
                .link(new Veth(Iface.of(end(name, "eth0")), Iface.of(end("host", hostVeth)).withPort(BridgePort.of(LinkName.of(bridge))),
                        Provenance.of("endpoint of " + name)))
                .address(end(name, "eth0"), Ipv4Interface.parse(ip))
                .route(Route.via(name, Ipv4Prefix.DEFAULT, Ipv4Address.parse(gateway), TEST));
    }

    /** Two hosts on one bridge in a third namespace, no firewall. */
    static Topology bridged() {
        Topology.Builder b = Topology.builder("bridged").namespace("host").bridge(end("host", "br0"));
        containerOn(b, "h1", "veth-h1", "br0", "10.0.0.1/24", "10.0.0.254");
        containerOn(b, "h2", "veth-h2", "br0", "10.0.0.2/24", "10.0.0.254");
        return b.address(end("host", "br0"), Ipv4Interface.parse("10.0.0.254/24")).build();
    }

    /**
     * Docker 20.10 on one host: user network br-1 172.18.0.0/16 with icc off, two containers, and an outside
     * machine "wan" on the host's eth0 (10.0.0.0/24) that has no route to the containers.
     */
    static Topology docker() {
        Topology.Builder b = Topology.builder("docker").namespace("host").bridge(end("host", "br-1"))
                .address(end("host", "br-1"), Ipv4Interface.parse("172.18.0.1/16"))
                .sysctl("host", Sysctl.IP_FORWARD, "1")
                .sysctl("host", Sysctl.BRIDGE_NF_CALL_IPTABLES, "1");
        containerOn(b, "c1", "veth-c1", "br-1", "172.18.0.2/16", "172.18.0.1");
        containerOn(b, "c2", "veth-c2", "br-1", "172.18.0.3/16", "172.18.0.1");
        b.namespace("wan").veth(end("host", "eth0"), end("wan", "eth0"))
                .address(end("host", "eth0"), Ipv4Interface.parse("10.0.0.1/24"))
                .address(end("wan", "eth0"), Ipv4Interface.parse("10.0.0.2/24"));
        Match fromBr = new Match.InInterface("br-1", false);
        Match toBr = new Match.OutInterface("br-1", false);
        Match notToBr = new Match.OutInterface("br-1", true);
        Table filter = new Table(TableName.FILTER, List.of(
                builtin("INPUT", Policy.ACCEPT),
                builtin("FORWARD", Policy.ACCEPT,
                        rule(new Target.Jump("DOCKER-USER")),
                        rule(new Target.Jump("DOCKER-ISOLATION-STAGE-1")),
                        rule(new Target.Accept(), toBr, new Match.Conntrack(Set.of(CtState.RELATED, CtState.ESTABLISHED), false)),
                        rule(new Target.Jump("DOCKER"), toBr),
                        rule(new Target.Accept(), fromBr, notToBr),
                        rule(new Target.Drop(), fromBr, toBr)),
                builtin("OUTPUT", Policy.ACCEPT),
                user("DOCKER"),
                user("DOCKER-ISOLATION-STAGE-1", rule(new Target.Jump("DOCKER-ISOLATION-STAGE-2"), fromBr, notToBr),
                        rule(new Target.Return())),
                user("DOCKER-ISOLATION-STAGE-2", rule(new Target.Drop(), toBr), rule(new Target.Return())),
                user("DOCKER-USER", rule(new Target.Return()))));
        Table nat = new Table(TableName.NAT, List.of(
                builtin("PREROUTING", Policy.ACCEPT),
                builtin("INPUT", Policy.ACCEPT),
                builtin("OUTPUT", Policy.ACCEPT),
                builtin("POSTROUTING", Policy.ACCEPT,
                        rule(new Target.Masquerade(), new Match.Source(Ipv4Prefix.parse("172.18.0.0/16"), false), notToBr))));
        return b.ruleset(new Ruleset("host", List.of(filter, nat))).build();
    }

    /**
     * lan — fw — wan: a router whose FORWARD policy is DROP and which lets lan out, and replies back only through
     * an ESTABLISHED rule (when {@code stateful}).
     */
    static Topology firewall(boolean stateful) {
        Topology.Builder b = Topology.builder("firewall").namespace("lan").namespace("fw").namespace("wan")
                .veth(end("lan", "eth0"), end("fw", "lan0"))
                .veth(end("fw", "wan0"), end("wan", "eth0"))
                .address(end("lan", "eth0"), Ipv4Interface.parse("192.168.1.2/24"))
                .address(end("fw", "lan0"), Ipv4Interface.parse("192.168.1.1/24"))
                .address(end("fw", "wan0"), Ipv4Interface.parse("203.0.113.1/24"))
                .address(end("wan", "eth0"), Ipv4Interface.parse("203.0.113.2/24"))
                .route(Route.via("lan", Ipv4Prefix.DEFAULT, Ipv4Address.parse("192.168.1.1"), TEST))
                .route(Route.via("wan", Ipv4Prefix.parse("192.168.1.0/24"), Ipv4Address.parse("203.0.113.1"), TEST))
                .sysctl("fw", Sysctl.IP_FORWARD, "1");
        List<Rule> forward = stateful
                ? List.of(rule(new Target.Accept(), new Match.Conntrack(Set.of(CtState.ESTABLISHED, CtState.RELATED), false)),
                          rule(new Target.Accept(), new Match.InInterface("lan+", false)))
                : List.of(rule(new Target.Accept(), new Match.InInterface("lan+", false)));
        Table filter = new Table(TableName.FILTER, List.of(
                builtin("INPUT", Policy.ACCEPT),
                new Chain("FORWARD", Optional.of(Policy.DROP), forward),
                builtin("OUTPUT", Policy.ACCEPT)));
        return b.ruleset(new Ruleset("fw", List.of(filter))).build();
    }

    /**
     * Docker's macvlan driver on one host: segment sw-lan (switch br0), host1 on it through ens160 (10.3.1.45/24),
     * a router on it (10.3.1.1/24), and containers node-1 (10.3.1.145) and node-2 (10.3.1.146) with macvlan eth0 in
     * {@code mode} on host1:ens160. {@code hairpin} turns on hairpin on the switch port of host1; {@code shim} adds
     * the usual workaround: a bridge-mode macvlan_host in host1 (10.3.1.200/32) with a route to node-1 over it.
     */
    static Topology macvlan(MacvlanMode mode, boolean hairpin, boolean shim) {
        LinkName br0 = LinkName.of("br0");
        BridgePort p1 = BridgePort.of(br0).withHairpin(hairpin);
        Topology.Builder b = Topology.builder("macvlan")
                .namespace("sw-lan", NamespaceKind.SEGMENT, Provenance.of("segment lan"))
                .namespace("host1", NamespaceKind.HOST, Provenance.of("host host1"))
                .namespace("router", NamespaceKind.HOST, Provenance.of("machine router"))
                .link(new Bridge(Iface.of(end("sw-lan", "br0")), Bridge.DEFAULT_AGEING, Provenance.of("switch of lan")))
                .link(new Veth(Iface.of(end("host1", "ens160")), Iface.of(end("sw-lan", "p1")).withPort(p1),
                        Provenance.of("host1 ens160 on lan")))
                .link(new Veth(Iface.of(end("router", "eth0")), Iface.of(end("sw-lan", "p2")).withPort(BridgePort.of(br0)),
                        Provenance.of("router eth0 on lan")))
                .address(end("host1", "ens160"), Ipv4Interface.parse("10.3.1.45/24"))
                .address(end("router", "eth0"), Ipv4Interface.parse("10.3.1.1/24"));
        for (int n = 1; n <= 2; n++) {
            String node = "node-" + n;
            b.namespace(node, NamespaceKind.CONTAINER, Provenance.of("container " + node))
                    .link(new Macvlan(Iface.of(end(node, "eth0")).withMac(MacAddress.parse("02:42:0a:03:01:9" + n)),
                            end("host1", "ens160"), mode, Provenance.of("container " + node + " endpoint on pub_net")))
                    .address(end(node, "eth0"), Ipv4Interface.parse("10.3.1.14" + (4 + n) + "/24"))
                    .route(Route.via(node, Ipv4Prefix.DEFAULT, Ipv4Address.parse("10.3.1.1"), TEST));
        }
        if (shim) {
            b.link(new Macvlan(Iface.of(end("host1", "macvlan_host")), end("host1", "ens160"), MacvlanMode.BRIDGE,
                            Provenance.of("macvlan shim of host1")))
                    .address(end("host1", "macvlan_host"), Ipv4Interface.parse("10.3.1.200/32"))
                    .route(new Route("host1", Ipv4Prefix.parse("10.3.1.145/32"), Optional.empty(),
                            Optional.of(LinkName.of("macvlan_host")), 0, TEST));
        }
        return b.build();
    }

    /** An application accepting TCP connections on 0.0.0.0:{@code port} in {@code ns}. */
    static Listener tcpListener(String ns, int port) {
        return new Listener(ns, IpProtocol.TCP, Ipv4Address.ANY, port, Provenance.of("tcp listener in " + ns));
    }

    /** A UDP echo server on 0.0.0.0:{@code port} in {@code ns}. */
    static Listener udpListener(String ns, int port) {
        return new Listener(ns, IpProtocol.UDP, Ipv4Address.ANY, port, Provenance.of("udp echo in " + ns));
    }

    /** {@code t} with more sockets. */
    static Topology withServices(Topology t, Service... services) {
        List<Service> all = Stream.concat(t.services().stream(), Stream.of(services)).toList();
        return new Topology(t.name(), t.namespaces(), t.links(), t.addresses(), t.routes(), t.sysctls(), t.rulesets(), all, t.aliases());
    }

    /** {@code t} with {@code ruleset} instead of the namespace's own. */
    static Topology withRuleset(Topology t, Ruleset ruleset) {
        List<Ruleset> rulesets = new ArrayList<>(t.rulesets().stream().filter(r -> !r.namespace().equals(ruleset.namespace())).toList());
        rulesets.add(ruleset);
        return new Topology(t.name(), t.namespaces(), t.links(), t.addresses(), t.routes(), t.sysctls(), rulesets, t.services(), t.aliases());
    }

    /** {@code t} without the sysctl {@code key} in {@code ns}. */
    static Topology withoutSysctl(Topology t, String ns, String key) {
        List<Sysctl> kept = t.sysctls().stream().filter(s -> !(s.namespace().equals(ns) && s.key().equals(key))).toList();
        return new Topology(t.name(), t.namespaces(), t.links(), t.addresses(), t.routes(), kept, t.rulesets(), t.services(), t.aliases());
    }

    /** {@code t} with sysctl {@code key} of {@code ns} set to {@code value} (replacing what the lowering set). */
    static Topology withSysctl(Topology t, String ns, String key, String value) {
        List<Sysctl> sysctls = new java.util.ArrayList<>(withoutSysctl(t, ns, key).sysctls());
        sysctls.add(new Sysctl(ns, key, value, io.netrig.model.topology.Provenance.of("test: " + key + "=" + value)));
        return new Topology(t.name(), t.namespaces(), t.links(), t.addresses(), t.routes(), sysctls, t.rulesets(), t.services(), t.aliases());
    }

    /** The firewall lab with a filter FORWARD chain of {@code rules} (policy ACCEPT) on fw, and sockets on wan. */
    static Topology firewallWithForward(Rule... rules) {
        Table filter = new Table(TableName.FILTER, List.of(builtin("INPUT", Policy.ACCEPT), builtin("FORWARD", Policy.ACCEPT, rules),
                builtin("OUTPUT", Policy.ACCEPT)));
        return withRuleset(firewall(true), new Ruleset("fw", List.of(filter)));
    }

    static final String ROUTE_LOCALNET_DOCKER0 = "net.ipv4.conf.docker0.route_localnet";

    /**
     * Docker 20.10 with one published port on the default bridge: host (eth0 10.0.0.1/24 towards "lan" 10.0.0.2/24,
     * docker0 172.17.0.1/16), container "web" (172.17.0.2) listening on tcp 80 and udp 53, container "client"
     * (172.17.0.3). {@code docker run -p 8080:80 -p 8053:53/udp -p 8054:54/udp web}: web has nothing on udp 54.
     * The nat and filter rules are dockerd's for those ports; with {@code userlandProxy} docker-proxy listens on
     * 0.0.0.0:8080/tcp and 8053, 8054/udp; without it, hairpin is on for the bridge ports, route_localnet on docker0,
     * and the rules change as dockerd changes them.
     */
    static Topology published(boolean userlandProxy) {
        Topology.Builder b = Topology.builder("published").namespace("host").bridge(end("host", "docker0"))
                .address(end("host", "docker0"), Ipv4Interface.parse("172.17.0.1/16"))
                .sysctl("host", Sysctl.IP_FORWARD, "1")
                .sysctl("host", Sysctl.BRIDGE_NF_CALL_IPTABLES, "1");
        for (String c : List.of("web", "client")) {
            String ip = c.equals("web") ? "172.17.0.2/16" : "172.17.0.3/16";
            b.namespace(c).link(new Veth(Iface.of(end(c, "eth0")),
                            Iface.of(end("host", "veth-" + c)).withPort(BridgePort.of(LinkName.of("docker0")).withHairpin(!userlandProxy)),
                            Provenance.of("endpoint of " + c)))
                    .address(end(c, "eth0"), Ipv4Interface.parse(ip))
                    .route(Route.via(c, Ipv4Prefix.DEFAULT, Ipv4Address.parse("172.17.0.1"), TEST));
        }
        b.namespace("lan").veth(end("host", "eth0"), end("lan", "eth0"))
                .address(end("host", "eth0"), Ipv4Interface.parse("10.0.0.1/24"))
                .address(end("lan", "eth0"), Ipv4Interface.parse("10.0.0.2/24"));
        if (!userlandProxy) {
            b.sysctl("host", ROUTE_LOCALNET_DOCKER0, "1");
        }
        Match in = new Match.InInterface("docker0", false);
        Match notIn = new Match.InInterface("docker0", true);
        Match out = new Match.OutInterface("docker0", false);
        Match notOut = new Match.OutInterface("docker0", true);
        Match local = new Match.AddressType(AddrType.LOCAL, false, false);
        Match web = new Match.Destination(Ipv4Prefix.parse("172.17.0.2/32"), false);
        record Published(IpProtocol protocol, int hostPort, int containerPort) {
        }
        List<Published> ports = List.of(new Published(IpProtocol.TCP, 8080, 80), new Published(IpProtocol.UDP, 8053, 53),
                new Published(IpProtocol.UDP, 8054, 54));
        List<Rule> natDocker = new ArrayList<>();
        List<Rule> filterDocker = new ArrayList<>();
        List<Rule> postrouting = new ArrayList<>();
        postrouting.add(rule(new Target.Masquerade(), new Match.Source(Ipv4Prefix.parse("172.17.0.0/16"), false), notOut));
        if (userlandProxy) {
            natDocker.add(rule(new Target.Return(), in));
        } else {
            postrouting.add(rule(new Target.Masquerade(), out, new Match.AddressType(AddrType.LOCAL, true, false)));
        }
        for (Published p : ports) {
            Match proto = new Match.Protocol(p.protocol(), false);
            Match dport = new Match.DestinationPort(p.containerPort(), p.containerPort(), false);
            postrouting.add(rule(new Target.Masquerade(), new Match.Source(Ipv4Prefix.parse("172.17.0.2/32"), false), web, proto, dport));
            Target dnat = new Target.Dnat(Ipv4Address.parse("172.17.0.2"), Optional.of(p.containerPort()));
            Match hostPort = new Match.DestinationPort(p.hostPort(), p.hostPort(), false);
            natDocker.add(userlandProxy ? rule(dnat, notIn, proto, hostPort) : rule(dnat, proto, hostPort));
            filterDocker.add(rule(new Target.Accept(), web, notIn, out, proto, dport));
            if (userlandProxy) {
                b.service(new PortProxy("host", p.protocol(), Ipv4Address.ANY, p.hostPort(), Ipv4Address.parse("172.17.0.2"),
                        p.containerPort(), Provenance.of("docker-proxy " + p.protocol().iptablesName() + " " + p.hostPort())));
            }
        }
        Rule outputJump = userlandProxy
                ? rule(new Target.Jump("DOCKER"), new Match.Destination(Ipv4Prefix.parse("127.0.0.0/8"), true), local)
                : rule(new Target.Jump("DOCKER"), local);
        Table nat = new Table(TableName.NAT, List.of(
                builtin("PREROUTING", Policy.ACCEPT, rule(new Target.Jump("DOCKER"), local)),
                builtin("INPUT", Policy.ACCEPT),
                builtin("OUTPUT", Policy.ACCEPT, outputJump),
                builtin("POSTROUTING", Policy.ACCEPT, postrouting.toArray(Rule[]::new)),
                user("DOCKER", natDocker.toArray(Rule[]::new))));
        Table filter = new Table(TableName.FILTER, List.of(
                builtin("INPUT", Policy.ACCEPT),
                builtin("FORWARD", Policy.DROP,
                        rule(new Target.Jump("DOCKER-USER")),
                        rule(new Target.Jump("DOCKER-ISOLATION-STAGE-1")),
                        rule(new Target.Accept(), out, new Match.Conntrack(Set.of(CtState.RELATED, CtState.ESTABLISHED), false)),
                        rule(new Target.Jump("DOCKER"), out),
                        rule(new Target.Accept(), in, notOut),
                        rule(new Target.Accept(), in, out)),
                builtin("OUTPUT", Policy.ACCEPT),
                user("DOCKER", filterDocker.toArray(Rule[]::new)),
                user("DOCKER-ISOLATION-STAGE-1", rule(new Target.Jump("DOCKER-ISOLATION-STAGE-2"), in, notOut), rule(new Target.Return())),
                user("DOCKER-ISOLATION-STAGE-2", rule(new Target.Drop(), out), rule(new Target.Return())),
                user("DOCKER-USER", rule(new Target.Return()))));
        return b.service(tcpListener("web", 80)).service(udpListener("web", 53))
                .ruleset(new Ruleset("host", List.of(nat, filter))).build();
    }

    static LinkRef ref(String ns, String name) {
        return end(ns, name);
    }
}
