package io.netrig.model.topology;

import io.netrig.model.firewall.Chain;
import io.netrig.model.firewall.CtState;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.firewall.Match;
import io.netrig.model.firewall.AddrType;
import io.netrig.model.firewall.Policy;
import io.netrig.model.firewall.Rule;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.firewall.Table;
import io.netrig.model.firewall.TableName;
import io.netrig.model.firewall.Target;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The nat-table rule set that stands in for IPVS where a kernel has none: for each {@link LoadBalancer}, one DNAT
 * rule per backend with {@code -m statistic --mode nth} (every N, N-1, … 1) so that new connections go to the
 * backends in turn, and for a balancer with source NAT an SNAT rule per backend for the connections it rewrote.
 * The rules live in chains of their own ({@value #OUT_CHAIN} from OUTPUT, {@value #IN_CHAIN} from PREROUTING,
 * {@value #POST_CHAIN} from POSTROUTING), appended after the namespace's other nat rules.
 */
public final class LoadBalancerRules {
    public static final String OUT_CHAIN = "NETRIG-LB-OUTPUT";
    public static final String IN_CHAIN = "NETRIG-LB-PREROUTING";
    public static final String POST_CHAIN = "NETRIG-LB-POSTROUTING";
    private static final List<IpProtocol> BALANCED = List.of(IpProtocol.TCP, IpProtocol.UDP);

    private LoadBalancerRules() {
    }

    /** The topology with its load balancers replaced by their nat-table equivalent (none left). */
    public static Topology natEquivalent(Topology t) {
        if (t.loadBalancers().isEmpty()) {
            return t;
        }
        Map<String, List<LoadBalancer>> byNamespace = new LinkedHashMap<>();
        t.loadBalancers().forEach(b -> byNamespace.computeIfAbsent(b.namespace(), k -> new ArrayList<>()).add(b));
        List<Ruleset> rulesets = new ArrayList<>();
        for (Ruleset rs : t.rulesets()) {
            List<LoadBalancer> mine = byNamespace.remove(rs.namespace());
            rulesets.add(mine == null ? rs : withBalancers(Optional.of(rs), rs.namespace(), mine));
        }
        byNamespace.forEach((ns, mine) -> rulesets.add(withBalancers(Optional.empty(), ns, mine)));
        return new Topology(t.name(), t.namespaces(), t.links(), t.addresses(), t.routes(), t.sysctls(), rulesets, t.services(),
                t.aliases(), t.resolvers(), t.fdb(), t.neighbours(), List.of(), t.ipsec());
    }

    /**
     * The balancer a TCP or UDP probe meets, judged from the topology alone: a VIP balancer in the sender's namespace for
     * the probe's address, or the routing mesh's balancer for the probe's protocol and port when the probe goes to an
     * address of a host (a swarm node). For backends that cannot watch the balancer itself say which one served a probe.
     */
    public static Optional<LoadBalancer> serving(Topology t, io.netrig.model.backend.Probe probe) {
        if (!(probe instanceof io.netrig.model.backend.Probe.Tcp) && !(probe instanceof io.netrig.model.backend.Probe.Udp)) {
            return Optional.empty();
        }
        io.netrig.model.backend.Probe.Addressed p = (io.netrig.model.backend.Probe.Addressed) probe;
        IpProtocol proto = probe instanceof io.netrig.model.backend.Probe.Tcp ? IpProtocol.TCP : IpProtocol.UDP;
        int port = probe instanceof io.netrig.model.backend.Probe.Tcp tcp ? tcp.port() : ((io.netrig.model.backend.Probe.Udp) probe).port();
        Optional<LoadBalancer> vip = t.loadBalancersIn(probe.from()).stream()
                .filter(b -> b.frontend() instanceof LoadBalancer.Vip(Ipv4Address a) && a.equals(p.to())).findFirst();
        if (vip.isPresent()) {
            return vip;
        }
        Optional<String> host = t.addresses().stream().filter(a -> a.address().address().equals(p.to())
                && t.namespace(a.ref().namespace()).map(n -> n.kind() == NamespaceKind.HOST).orElse(false))
                .map(a -> a.ref().namespace()).findFirst();
        // the node's own ingress sandbox (NODE.ingress_sbox) balances what reaches the node
        return host.flatMap(node -> t.loadBalancers().stream()
                .filter(b -> b.frontend() instanceof LoadBalancer.PublishedPort(IpProtocol bp, int bport) && bp == proto && bport == port)
                .min(java.util.Comparator.comparing((LoadBalancer b) -> !b.namespace().startsWith(node + "."))));
    }

    private static Ruleset withBalancers(Optional<Ruleset> existing, String ns, List<LoadBalancer> balancers) {
        List<Rule> out = new ArrayList<>();
        List<Rule> in = new ArrayList<>();
        List<Rule> post = new ArrayList<>();
        for (LoadBalancer b : balancers) {
            Provenance p = Provenance.of(b.provenance() + ": " + b.frontend().describe() + " balanced by nat rules (no IPVS)");
            int n = b.backends().size();
            for (IpProtocol proto : protocols(b.frontend())) {
                for (int i = 0; i < n; i++) {
                    List<Match> matches = new ArrayList<>();
                    switch (b.frontend()) {
                        case LoadBalancer.Vip(Ipv4Address vip) -> {
                            matches.add(new Match.Destination(Ipv4Prefix.of(vip, 32), false));
                            matches.add(new Match.Protocol(proto, false));
                        }
                        case LoadBalancer.PublishedPort(IpProtocol protocol, int port) -> {
                            matches.add(new Match.Protocol(protocol, false));
                            matches.add(new Match.DestinationPort(port, port, false));
                            matches.add(new Match.AddressType(AddrType.LOCAL, false, false));
                        }
                    }
                    matches.add(new Match.Statistic(n - i, 0));
                    Rule rule = new Rule(matches, new Target.Dnat(b.backends().get(i), Optional.empty()), p);
                    (b.frontend() instanceof LoadBalancer.Vip ? out : in).add(rule);
                }
                for (Ipv4Address backend : b.backends()) {
                    b.sourceNat().ifPresent(src -> post.add(new Rule(List.of(new Match.Destination(Ipv4Prefix.of(backend, 32), false),
                            new Match.Protocol(proto, false), new Match.Conntrack(Set.of(CtState.DNAT), false)), new Target.Snat(src), p)));
                }
            }
        }
        Table nat = existing.flatMap(rs -> rs.table(TableName.NAT)).orElse(new Table(TableName.NAT, List.of()));
        List<Chain> chains = new ArrayList<>();
        for (String builtin : List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING")) {
            Chain c = nat.chain(builtin).orElse(new Chain(builtin, Optional.of(Policy.ACCEPT), List.of()));
            String jump = switch (builtin) {
                case "PREROUTING" -> in.isEmpty() ? null : IN_CHAIN;
                case "OUTPUT" -> out.isEmpty() ? null : OUT_CHAIN;
                case "POSTROUTING" -> post.isEmpty() ? null : POST_CHAIN;
                default -> null;
            };
            if (jump != null) {
                List<Rule> rules = new ArrayList<>(c.rules());
                rules.add(Rule.of(new Target.Jump(jump), Provenance.of("load balancers of namespace '" + ns + "' (no IPVS)")));
                c = new Chain(c.name(), c.policy(), rules);
            }
            chains.add(c);
        }
        nat.chains().stream().filter(c -> c.policy().isEmpty()).forEach(chains::add);
        if (!in.isEmpty()) {
            chains.add(new Chain(IN_CHAIN, Optional.empty(), in));
        }
        if (!out.isEmpty()) {
            chains.add(new Chain(OUT_CHAIN, Optional.empty(), out));
        }
        if (!post.isEmpty()) {
            chains.add(new Chain(POST_CHAIN, Optional.empty(), post));
        }
        List<Table> tables = new ArrayList<>();
        existing.ifPresent(rs -> rs.tables().stream().filter(tb -> tb.name() != TableName.NAT).forEach(tables::add));
        tables.add(new Table(TableName.NAT, chains));
        return new Ruleset(ns, tables);
    }

    private static List<IpProtocol> protocols(LoadBalancer.Frontend f) {
        return switch (f) {
            case LoadBalancer.Vip v -> BALANCED;
            case LoadBalancer.PublishedPort(IpProtocol protocol, int port) -> List.of(protocol);
        };
    }
}
