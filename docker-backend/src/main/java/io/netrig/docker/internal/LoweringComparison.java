package io.netrig.docker.internal;

import io.netrig.docker.internal.EngineState.EngineContainer;
import io.netrig.docker.internal.EngineState.EngineEndpoint;
import io.netrig.docker.internal.EngineState.EngineNetwork;
import io.netrig.docker.internal.RuleTable.ChainState;
import io.netrig.docker.internal.RuleTable.RuleLine;
import io.netrig.model.backend.LoweringDifference;
import io.netrig.model.firewall.Chain;
import io.netrig.model.firewall.RuleRef;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.firewall.Table;
import io.netrig.model.firewall.TableName;
import io.netrig.model.ipam.NetworkPlan;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.MacAddress;
import io.netrig.model.render.IptablesSave;
import io.netrig.model.spec.ContainerSpec;
import io.netrig.model.spec.EndpointSpec;
import io.netrig.model.spec.ValidatedLab;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares what the engine built with netrig's lowering of the same spec: network subnets and gateways, each
 * container endpoint's address, prefix length, gateway and MAC, and the Docker host's firewall, chain by chain (the
 * engine's rules that concern the lab, after {@link RuleNames} rewrote its bridge names, against the lowering's rules
 * of the Docker host). Also maps an engine rule to the lowering's rule of the same text, which is how a drop the engine
 * counted is named as the simulator names it.
 */
public final class LoweringComparison {
    private final ValidatedLab lab;
    private final Topology topology;
    private final String dockerHost;
    private final RuleNames names;

    public LoweringComparison(ValidatedLab lab, Topology topology, String dockerHost, RuleNames names) {
        this.lab = lab;
        this.topology = topology;
        this.dockerHost = dockerHost;
        this.names = names;
    }

    public List<LoweringDifference> compare(EngineState engine, RuleTable rules) {
        List<LoweringDifference> out = new ArrayList<>();
        networks(engine, out);
        containers(engine, out);
        rules(rules, out);
        return List.copyOf(out);
    }

    private void networks(EngineState engine, List<LoweringDifference> out) {
        for (EngineNetwork n : engine.networks().values()) {
            Optional<NetworkPlan> plan = lab.addresses().network(dockerHost, n.specName());
            String subject = "network '" + n.specName() + "'";
            same(out, subject + " subnet", plan.map(p -> p.subnet().toString()), n.subnet().map(Object::toString));
            same(out, subject + " gateway", plan.map(p -> p.gateway().toString()), n.gateway().map(Object::toString));
        }
    }

    private void containers(EngineState engine, List<LoweringDifference> out) {
        for (EngineContainer c : engine.containers().values()) {
            ContainerSpec spec = lab.spec().containers().get(c.specName());
            List<EndpointSpec> endpoints = spec.endpoints().isEmpty() && spec.mode() instanceof io.netrig.model.spec.NetworkMode.Attached
                    ? List.of(new EndpointSpec("bridge", Optional.empty(), List.of())) : spec.endpoints();
            for (int i = 0; i < endpoints.size(); i++) {
                EndpointSpec ep = endpoints.get(i);
                String subject = "container '" + c.specName() + "' on '" + ep.network() + "'";
                Optional<EngineEndpoint> seen = Optional.ofNullable(c.endpoints().get(ep.network()));
                Optional<Ipv4Address> ip = lab.addresses().endpoint(c.specName(), ep.network());
                Optional<NetworkPlan> plan = lab.addresses().network(dockerHost, ep.network());
                same(out, subject + " address", ip.map(a -> a + "/" + plan.map(p -> p.subnet().length()).orElse(0)),
                        seen.map(e -> e.address() + "/" + e.prefixLength()));
                LinkRef eth = LinkRef.end(c.specName(), ep.interfaceName().orElse("eth" + i));
                same(out, subject + " MAC", topology.iface(eth).flatMap(Iface::mac).map(MacAddress::toString),
                        seen.flatMap(EngineEndpoint::mac).map(MacAddress::toString));
                boolean bridged = lab.spec().networkOf(ep).map(n -> n.driver() == io.netrig.model.spec.NetworkDriver.BRIDGE).orElse(true);
                if (bridged) {
                    same(out, subject + " gateway", plan.map(p -> p.gateway().toString()), seen.flatMap(EngineEndpoint::gateway).map(Object::toString));
                }
            }
        }
    }

    private void rules(RuleTable engine, List<LoweringDifference> out) {
        Ruleset lowered = topology.ruleset(dockerHost).orElse(new Ruleset(dockerHost, List.of()));
        for (Table table : lowered.tables()) {
            for (Chain chain : table.chains()) {
                String subject = table.name().iptablesName() + "/" + chain.name();
                List<String> want = chain.rules().stream().map(r -> IptablesSave.ruleLine(chain.name(), r)).toList();
                Optional<ChainState> have = engine.chain(table.name(), chain.name());
                if (have.isEmpty()) {
                    if (!want.isEmpty() || chain.policy().isPresent()) {
                        out.add(new LoweringDifference("chain " + subject, "present", LoweringDifference.NONE));
                    }
                    continue;
                }
                chain.policy().ifPresent(p -> same(out, "policy of " + subject, Optional.of(p.name()), have.get().policy()));
                List<String> got = labRules(have.get(), want);
                if (want.equals(got)) {
                    continue;
                }
                List<String> missing = without(want, got);
                List<String> extra = without(got, want);
                missing.forEach(line -> out.add(new LoweringDifference("rule in " + subject, line, LoweringDifference.NONE)));
                extra.forEach(line -> out.add(new LoweringDifference("rule in " + subject, LoweringDifference.NONE, line)));
                if (missing.isEmpty() && extra.isEmpty()) {
                    out.add(new LoweringDifference("order of " + subject, String.join(" | ", want), String.join(" | ", got)));
                }
            }
        }
        for (var t : engine.tables().entrySet()) {
            Optional<Table> loweredTable = lowered.table(t.getKey());
            for (ChainState chain : t.getValue().values()) {
                if (loweredTable.flatMap(lt -> lt.chain(chain.name())).isEmpty()) {
                    chain.rules().stream().map(RuleLine::text).filter(names::mentionsLab).map(names::toLowering)
                            .forEach(line -> out.add(new LoweringDifference("rule in " + t.getKey().iptablesName() + "/" + chain.name(),
                                    LoweringDifference.NONE, line)));
                }
            }
        }
    }

    /** The engine's rules of a chain that concern the lab, in the lowering's names. */
    private List<String> labRules(ChainState chain, List<String> lowered) {
        return chain.rules().stream().map(RuleLine::text)
                .filter(text -> names.mentionsLab(text) || lowered.contains(names.toLowering(text)))
                .map(names::toLowering).toList();
    }

    /** The lowering's rule with the text of an engine rule (bridge names rewritten), as the simulator would name it. */
    public Optional<RuleRef> loweredRule(TableName table, String chain, String engineText) {
        String text = names.toLowering(engineText);
        return topology.ruleset(dockerHost).flatMap(rs -> rs.table(table)).flatMap(t -> t.chain(chain)).flatMap(c -> {
            for (int i = 0; i < c.rules().size(); i++) {
                if (IptablesSave.ruleLine(chain, c.rules().get(i)).equals(text)) {
                    return Optional.of(new RuleRef(dockerHost, table, chain, i + 1, text));
                }
            }
            return Optional.empty();
        });
    }

    /** The lowering's policy of a built-in chain, as a rule reference (index 0). */
    public Optional<RuleRef> loweredPolicy(TableName table, String chain) {
        return topology.ruleset(dockerHost).flatMap(rs -> rs.table(table)).flatMap(t -> t.chain(chain))
                .flatMap(c -> c.policy().map(p -> new RuleRef(dockerHost, table, chain, 0, ":" + chain + " " + p.name())));
    }

    private static List<String> without(List<String> from, List<String> remove) {
        Map<String, Integer> counts = new HashMap<>();
        remove.forEach(r -> counts.merge(r, 1, Integer::sum));
        List<String> out = new ArrayList<>();
        for (String s : from) {
            if (counts.getOrDefault(s, 0) > 0) {
                counts.merge(s, -1, Integer::sum);
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static void same(List<LoweringDifference> out, String subject, Optional<String> lowering, Optional<String> engine) {
        if (!lowering.equals(engine)) {
            out.add(new LoweringDifference(subject, lowering.orElse(LoweringDifference.NONE), engine.orElse(LoweringDifference.NONE)));
        }
    }
}
