package io.netrig.model.lower;

import io.netrig.model.firewall.AddrType;
import io.netrig.model.firewall.Chain;
import io.netrig.model.firewall.CtState;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.firewall.Match;
import io.netrig.model.firewall.Policy;
import io.netrig.model.firewall.Rule;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.firewall.Table;
import io.netrig.model.firewall.TableName;
import io.netrig.model.firewall.Target;
import io.netrig.model.ipam.DockerIpam;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.topology.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The iptables rules dockerd 20.10 installs on a host for its bridge networks, in the order it installs them:
 * networks are added in creation order (the default bridge first) and most of their rules are inserted at the top
 * of their chain, so the newest network's rules come first. Matches are built in the order iptables-save prints
 * them (-s, -d, -i, -o, -p, then modules), so that the rendered text equals a real host's.
 */
final class DockerFirewall {
    static final String DOCKER = "DOCKER";
    static final String DOCKER_USER = "DOCKER-USER";
    static final String DOCKER_INGRESS = "DOCKER-INGRESS";
    static final String ISOLATION_1 = "DOCKER-ISOLATION-STAGE-1";
    static final String ISOLATION_2 = "DOCKER-ISOLATION-STAGE-2";

    private final String namespace;
    private final Provenance daemon;
    private final ChainPlan natPrerouting = builtin("PREROUTING");
    private final ChainPlan natInput = builtin("INPUT");
    private final ChainPlan natOutput = builtin("OUTPUT");
    private final ChainPlan natPostrouting = builtin("POSTROUTING");
    private final ChainPlan natDocker = new ChainPlan(DOCKER, Optional.empty());
    private final ChainPlan filterInput = builtin("INPUT");
    private final ChainPlan filterForward;
    private final ChainPlan filterOutput = builtin("OUTPUT");
    private final ChainPlan filterDocker = new ChainPlan(DOCKER, Optional.empty());
    private final ChainPlan isolation1 = new ChainPlan(ISOLATION_1, Optional.empty());
    private final ChainPlan isolation2 = new ChainPlan(ISOLATION_2, Optional.empty());
    private final ChainPlan dockerUser = new ChainPlan(DOCKER_USER, Optional.empty());
    private final boolean hairpin;
    private final ChainPlan natIngress = new ChainPlan(DOCKER_INGRESS, Optional.empty());
    private final ChainPlan filterIngress = new ChainPlan(DOCKER_INGRESS, Optional.empty());

    /**
     * @param forwardPolicyDrop dockerd sets the FORWARD policy to DROP when it is the one enabling ip_forward
     * @param hairpin           dockerd runs without the userland proxy ({@code userland-proxy: false}): published
     *                          ports are reached through NAT only, also from the host and from containers
     */
    DockerFirewall(String namespace, String host, boolean forwardPolicyDrop, boolean hairpin) {
        this.namespace = namespace;
        this.hairpin = hairpin;
        this.daemon = Provenance.of("dockerd on host '" + host + "'");
        this.filterForward = new ChainPlan("FORWARD", Optional.of(forwardPolicyDrop ? Policy.DROP : Policy.ACCEPT));
        natPrerouting.append(rule(new Target.Jump(DOCKER), daemon, new Match.AddressType(AddrType.LOCAL, false, false)));
        // With the userland proxy, connections to 127.0.0.0/8 go to docker-proxy; without it they are DNATed too.
        if (hairpin) {
            natOutput.append(rule(new Target.Jump(DOCKER), daemon, new Match.AddressType(AddrType.LOCAL, false, false)));
        } else {
            natOutput.append(rule(new Target.Jump(DOCKER), daemon, new Match.Destination(Ipv4Prefix.parse("127.0.0.0/8"), true),
                    new Match.AddressType(AddrType.LOCAL, false, false)));
        }
        isolation1.append(rule(new Target.Return(), daemon));
        isolation2.append(rule(new Target.Return(), daemon));
        dockerUser.append(rule(new Target.Return(), daemon));
    }

    private static ChainPlan builtin(String name) {
        return new ChainPlan(name, Optional.of(Policy.ACCEPT));
    }

    private static Rule rule(Target target, Provenance provenance, Match... matches) {
        return new Rule(List.of(matches), target, provenance);
    }

    /** Adds one bridge network's rules, as libnetwork's bridge driver does when the network is created. */
    void addBridgeNetwork(String network, String bridge, Ipv4Prefix subnet, boolean icc, boolean masquerade, boolean internal) {
        Provenance p = Provenance.of("network '" + network + "' (" + bridge + ")");
        Match in = new Match.InInterface(bridge, false);
        Match out = new Match.OutInterface(bridge, false);
        Match notOut = new Match.OutInterface(bridge, true);
        Rule iccRule = rule(icc ? new Target.Accept() : new Target.Drop(),
                Provenance.of(p + ": inter-container communication " + (icc ? "allowed" : "blocked (icc=false)")), in, out);
        if (internal) {
            // setupIPTablesInternal: traffic leaving or entering the subnet is dropped; only same-subnet traffic flows.
            isolation1.insertTop(rule(new Target.Drop(), Provenance.of(p + ": internal network, drop traffic entering from outside its subnet"),
                    new Match.Destination(subnet, true), in));
            isolation1.insertTop(rule(new Target.Drop(), Provenance.of(p + ": internal network, drop traffic leaving its subnet"),
                    new Match.Source(subnet, true), out));
            setIcc(icc, iccRule);
        } else {
            // setupIPTablesInternal: NAT, then SKIP DNAT (only with masquerading and the proxy), then MASQ LOCAL HOST.
            if (masquerade) {
                natPostrouting.insertTop(rule(new Target.Masquerade(), Provenance.of(p + ": outbound NAT (masquerade)"),
                        new Match.Source(subnet, false), notOut));
            }
            if (masquerade && !hairpin) {
                natDocker.insertTop(rule(new Target.Return(), Provenance.of(p + ": no DNAT for traffic from the bridge itself"), in));
            }
            if (hairpin) {
                natPostrouting.insertTop(rule(new Target.Masquerade(), Provenance.of(p
                        + ": masquerade the host's own connections to published ports (userland-proxy off)"),
                        out, new Match.AddressType(AddrType.LOCAL, true, false)));
            }
            isolation1.insertTop(rule(new Target.Jump(ISOLATION_2), Provenance.of(p + ": isolation between networks, stage 1"), in, notOut));
            isolation2.insertTop(rule(new Target.Drop(), Provenance.of(p + ": isolation between networks, stage 2"), out));
            setIcc(icc, iccRule);
            filterForward.insertTop(rule(new Target.Accept(), Provenance.of(p + ": containers may go out"), in, notOut));
            filterForward.insertTop(rule(new Target.Jump(DOCKER), Provenance.of(p + ": published ports"), out));
            filterForward.insertTop(rule(new Target.Accept(), Provenance.of(p + ": replies to outbound connections"), out,
                    new Match.Conntrack(Set.of(CtState.RELATED, CtState.ESTABLISHED), false)));
        }
        filterForward.ensureAtTop(rule(new Target.Jump(ISOLATION_1), daemon));
        filterForward.ensureAtTop(rule(new Target.Jump(DOCKER_USER), daemon));
    }

    /** libnetwork's setIcc: the ACCEPT is inserted at the top of FORWARD, but the DROP (icc off) is appended. */
    private void setIcc(boolean icc, Rule iccRule) {
        if (icc) {
            filterForward.insertTop(iccRule);
        } else {
            filterForward.append(iccRule);
        }
    }

    /**
     * One published port, as libnetwork's {@code iptables.Forward} appends it: the DNAT in nat/DOCKER (not for
     * traffic from the container's own bridge unless hairpinning), the ACCEPT in filter/DOCKER, and the MASQUERADE
     * that lets a container reach itself through its published port.
     */
    void addPortBinding(String container, String bridge, Ipv4Address hostIp, int hostPort, IpProtocol proto,
                        Ipv4Address containerIp, int containerPort) {
        Provenance p = Provenance.of("container '" + container + "': published port " + hostIp + ":" + hostPort + "->"
                + containerPort + "/" + proto.iptablesName());
        Match notIn = new Match.InInterface(bridge, true);
        Match protocol = new Match.Protocol(proto, false);
        Ipv4Prefix container32 = Ipv4Prefix.of(containerIp, 32);
        List<Match> dnat = new ArrayList<>();
        if (!hostIp.equals(Ipv4Address.ANY)) {
            dnat.add(new Match.Destination(Ipv4Prefix.of(hostIp, 32), false));
        }
        if (!hairpin) {
            dnat.add(notIn);
        }
        dnat.add(protocol);
        dnat.add(new Match.DestinationPort(hostPort, hostPort, false));
        natDocker.append(new Rule(dnat, new Target.Dnat(containerIp, Optional.of(containerPort)), p));
        filterDocker.append(rule(new Target.Accept(), p, new Match.Destination(container32, false), notIn,
                new Match.OutInterface(bridge, false), protocol, new Match.DestinationPort(containerPort, containerPort, false)));
        natPostrouting.append(rule(new Target.Masquerade(), p, new Match.Source(container32, false),
                new Match.Destination(container32, false), protocol, new Match.DestinationPort(containerPort, containerPort, false)));
    }

    /**
     * A legacy link on a bridge with ICC off (libnetwork's linkContainers with {@code -I}): for each exposed port of the
     * linked container, traffic from the linking container to it, and the answers back, are accepted in filter/DOCKER.
     * Each rule is inserted at the top, the reverse one last, so it ends up above its forward rule.
     */
    void addLink(String bridge, String parent, Ipv4Address parentIp, String child, Ipv4Address childIp, int port, IpProtocol proto) {
        Provenance p = Provenance.of("container '" + parent + "' --link " + child + ": exposed port " + port + "/" + proto.iptablesName());
        Ipv4Prefix parent32 = Ipv4Prefix.of(parentIp, 32);
        Ipv4Prefix child32 = Ipv4Prefix.of(childIp, 32);
        Match in = new Match.InInterface(bridge, false);
        Match out = new Match.OutInterface(bridge, false);
        Match protocol = new Match.Protocol(proto, false);
        filterDocker.insertTop(rule(new Target.Accept(), p, new Match.Source(parent32, false), new Match.Destination(child32, false),
                in, out, protocol, new Match.DestinationPort(port, port, false)));
        filterDocker.insertTop(rule(new Target.Accept(), p, new Match.Source(child32, false), new Match.Destination(parent32, false),
                in, out, protocol, new Match.SourcePort(port, port, false)));
    }

    /**
     * A port published through the swarm routing mesh (libnetwork's programIngress): connections to the port of any
     * local address are DNATed to the ingress sandbox's docker_gwbridge address, and accepted on their way there and
     * back in filter/DOCKER-INGRESS; each rule is inserted at the top, so later services' ports come first.
     */
    void addIngressPort(String service, IpProtocol proto, int port, Ipv4Address sandbox) {
        Provenance p = Provenance.of("swarm service '" + service + "' published port " + port + "/" + proto.iptablesName()
                + " (routing mesh)");
        Match protocol = new Match.Protocol(proto, false);
        natIngress.insertTop(rule(new Target.Dnat(sandbox, Optional.of(port)), p, protocol, new Match.DestinationPort(port, port, false)));
        filterIngress.insertTop(rule(new Target.Accept(), p, protocol, new Match.DestinationPort(port, port, false)));
        filterIngress.insertTop(rule(new Target.Accept(), p, protocol,
                new Match.Conntrack(Set.of(CtState.RELATED, CtState.ESTABLISHED), false), new Match.SourcePort(port, port, false)));
    }

    Ruleset build() {
        List<Chain> natChains = new ArrayList<>(List.of(natPrerouting.build(), natInput.build(),
                natOutput.build(), natPostrouting.build(), natDocker.build()));
        List<Chain> filterChains = new ArrayList<>(List.of(filterInput.build(), filterForward.build(),
                filterOutput.build(), filterDocker.build(), isolation1.build(), isolation2.build(), dockerUser.build()));
        if (!natIngress.isEmpty()) {
            // the ingress chains and their jumps: DNAT ahead of the DOCKER chain, filter right after DOCKER-USER
            Provenance p = Provenance.of("dockerd on swarm node: routing mesh (DOCKER-INGRESS)");
            ChainPlan prerouting = copy(natPrerouting);
            prerouting.insertTop(rule(new Target.Jump(DOCKER_INGRESS), p, new Match.AddressType(AddrType.LOCAL, false, false)));
            ChainPlan output = copy(natOutput);
            output.insertTop(rule(new Target.Jump(DOCKER_INGRESS), p, new Match.AddressType(AddrType.LOCAL, false, false)));
            ChainPlan postrouting = copy(natPostrouting);
            postrouting.insertTop(rule(new Target.Masquerade(), p, new Match.OutInterface(DockerIpam.GATEWAY_BRIDGE, false),
                    new Match.AddressType(AddrType.LOCAL, true, false)));
            ChainPlan nat = copy(natIngress);
            nat.append(rule(new Target.Return(), p));
            natChains = new ArrayList<>(List.of(prerouting.build(), natInput.build(), output.build(), postrouting.build(),
                    natDocker.build(), nat.build()));
            ChainPlan forward = copy(filterForward);
            forward.insertAfterJumpTo(DOCKER_USER, rule(new Target.Jump(DOCKER_INGRESS), p));
            ChainPlan filter = copy(filterIngress);
            filter.append(rule(new Target.Return(), p));
            filterChains.set(1, forward.build());
            filterChains.add(filter.build());
        }
        return new Ruleset(namespace, List.of(new Table(TableName.NAT, natChains), new Table(TableName.FILTER, filterChains)));
    }

    private static ChainPlan copy(ChainPlan plan) {
        Chain built = plan.build();
        ChainPlan out = new ChainPlan(built.name(), built.policy());
        built.rules().forEach(out::append);
        return out;
    }
}
