package io.netrig.model.render;

import io.netrig.model.firewall.Chain;
import io.netrig.model.firewall.Rule;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.firewall.Table;
import io.netrig.model.topology.Address;
import io.netrig.model.topology.Bridge;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.Link;
import io.netrig.model.topology.Listener;
import io.netrig.model.topology.DnsServer;
import io.netrig.model.topology.Dummy;
import io.netrig.model.topology.Ipvlan;
import io.netrig.model.topology.Macvlan;
import io.netrig.model.topology.Namespace;
import io.netrig.model.topology.NamespaceAlias;
import io.netrig.model.topology.PortProxy;
import io.netrig.model.topology.ResolverConfig;
import io.netrig.model.topology.Route;
import io.netrig.model.topology.Service;
import io.netrig.model.topology.Sysctl;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import io.netrig.model.topology.Vlan;
import io.netrig.model.topology.Vxlan;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Writes a topology as JSON ({@code netrig lower --format json}); field names follow the record components. */
public final class TopologyJson {
    private TopologyJson() {
    }

    public static String render(Topology t) {
        return "{\n  \"name\": " + str(t.name())
                + ",\n  \"namespaces\": " + list(t.namespaces(), TopologyJson::namespace)
                + ",\n  \"links\": " + list(t.links(), TopologyJson::link)
                + ",\n  \"addresses\": " + list(t.addresses(), TopologyJson::address)
                + ",\n  \"routes\": " + list(t.routes(), TopologyJson::route)
                + ",\n  \"sysctls\": " + list(t.sysctls(), TopologyJson::sysctl)
                + ",\n  \"rulesets\": " + list(t.rulesets(), TopologyJson::ruleset)
                + ",\n  \"services\": " + list(t.services(), TopologyJson::service)
                + ",\n  \"aliases\": " + list(t.aliases(), TopologyJson::alias)
                + ",\n  \"resolvers\": " + list(t.resolvers(), TopologyJson::resolver) + "\n}\n";
    }

    private static <T> String list(List<T> items, Function<T, String> f) {
        return items.isEmpty() ? "[]" : "[\n    " + items.stream().map(f).collect(Collectors.joining(",\n    ")) + "\n  ]";
    }

    private static String namespace(Namespace n) {
        return "{\"name\": " + str(n.name()) + ", \"kind\": " + str(n.kind().name().toLowerCase(java.util.Locale.ROOT))
                + ", \"provenance\": " + str(n.provenance().text()) + "}";
    }

    private static String link(Link l) {
        String body = switch (l) {
            case Veth(Iface a, Iface b, var p) -> "\"kind\": \"veth\", \"a\": " + iface(a) + ", \"b\": " + iface(b);
            case Bridge(Iface self, var ageing, var p) -> "\"kind\": \"bridge\", \"iface\": " + iface(self)
                    + ", \"ageingSeconds\": " + ageing.toSeconds();
            case Macvlan(Iface self, var parent, var mode, var p) -> "\"kind\": \"macvlan\", \"iface\": " + iface(self)
                    + ", \"parent\": {\"namespace\": " + str(parent.namespace()) + ", \"name\": " + str(parent.name().value())
                    + "}, \"mode\": " + str(mode.ipName());
            case Ipvlan(Iface self, var parent, var mode, var p) -> "\"kind\": \"ipvlan\", \"iface\": " + iface(self)
                    + ", \"parent\": {\"namespace\": " + str(parent.namespace()) + ", \"name\": " + str(parent.name().value())
                    + "}, \"mode\": " + str(mode.ipName());
            case Vlan(Iface self, var parent, int id, var p) -> "\"kind\": \"vlan\", \"iface\": " + iface(self)
                    + ", \"parent\": " + str(parent.name().value()) + ", \"id\": " + id;
            case Dummy(Iface self, var p) -> "\"kind\": \"dummy\", \"iface\": " + iface(self);
            case Vxlan(Iface self, String underlay, int vni, int port, var local, boolean learning, boolean proxy, var p) -> "\"kind\": \"vxlan\", \"iface\": "
                    + iface(self) + ", \"underlay\": " + str(underlay) + ", \"vni\": " + vni + ", \"port\": " + port
                    + local.map(a -> ", \"local\": " + str(a.toString())).orElse("") + ", \"learning\": " + learning + ", \"proxy\": " + proxy;
        };
        return "{" + body + ", \"provenance\": " + str(l.provenance().text()) + "}";
    }

    private static String iface(Iface i) {
        return "{\"namespace\": " + str(i.ref().namespace()) + ", \"name\": " + str(i.ref().name().value())
                + i.mac().map(m -> ", \"mac\": " + str(m.toString())).orElse("") + ", \"mtu\": " + i.mtu()
                + i.port().map(p -> ", \"master\": " + str(p.bridge().value()) + ", \"hairpin\": " + p.hairpin()
                + ", \"isolated\": " + p.isolated()).orElse("") + "}";
    }

    private static String address(Address a) {
        return "{\"namespace\": " + str(a.ref().namespace()) + ", \"dev\": " + str(a.ref().name().value()) + ", \"address\": "
                + str(a.address().toString()) + ", \"provenance\": " + str(a.provenance().text()) + "}";
    }

    private static String route(Route r) {
        return "{\"namespace\": " + str(r.namespace()) + ", \"to\": " + str(r.destination().toString())
                + r.via().map(v -> ", \"via\": " + str(v.toString())).orElse("")
                + r.dev().map(d -> ", \"dev\": " + str(d.value())).orElse("") + ", \"metric\": " + r.metric()
                + r.src().map(a -> ", \"src\": " + str(a.toString())).orElse("")
                + ", \"provenance\": " + str(r.provenance().text()) + "}";
    }

    private static String service(Service s) {
        String kind = switch (s) {
            case Listener l -> "\"kind\": \"listener\"";
            case PortProxy x -> "\"kind\": \"proxy\", \"target\": " + str(x.target().toString()) + ", \"targetPort\": " + x.targetPort();
            case DnsServer d -> "\"kind\": \"dns\", \"records\": [" + String.join(", ", d.records().stream()
                    .map(r -> "{\"name\": " + str(r.name()) + ", \"address\": " + str(r.address().toString()) + "}").toList()) + "]";
        };
        return "{" + kind + ", \"namespace\": " + str(s.namespace()) + ", \"protocol\": " + str(s.protocol().iptablesName())
                + ", \"address\": " + str(s.address().toString()) + ", \"port\": " + s.port()
                + ", \"provenance\": " + str(s.provenance().text()) + "}";
    }

    private static String resolver(ResolverConfig r) {
        return "{\"namespace\": " + str(r.namespace()) + ", \"hosts\": [" + String.join(", ", r.hosts().stream()
                .map(h -> "{\"address\": " + str(h.address().toString()) + ", \"names\": [" + String.join(", ",
                        h.names().stream().map(TopologyJson::str).toList()) + "]}").toList())
                + "], \"nameservers\": [" + String.join(", ", r.nameservers().stream().map(a -> str(a.toString())).toList())
                + "], \"options\": [" + String.join(", ", r.options().stream().map(TopologyJson::str).toList())
                + "], \"provenance\": " + str(r.provenance().text()) + "}";
    }

    private static String alias(NamespaceAlias a) {
        return "{\"name\": " + str(a.name()) + ", \"namespace\": " + str(a.namespace()) + ", \"provenance\": "
                + str(a.provenance().text()) + "}";
    }

    private static String sysctl(Sysctl s) {
        return "{\"namespace\": " + str(s.namespace()) + ", \"key\": " + str(s.key()) + ", \"value\": " + str(s.value())
                + ", \"provenance\": " + str(s.provenance().text()) + "}";
    }

    private static String ruleset(Ruleset rs) {
        return "{\"namespace\": " + str(rs.namespace()) + ", \"tables\": [" + rs.tables().stream().map(TopologyJson::table)
                .collect(Collectors.joining(", ")) + "], \"iptablesSave\": " + str(IptablesSave.render(rs)) + "}";
    }

    private static String table(Table t) {
        return "{\"name\": " + str(t.name().iptablesName()) + ", \"chains\": [" + t.chains().stream().map(TopologyJson::chain)
                .collect(Collectors.joining(", ")) + "]}";
    }

    private static String chain(Chain c) {
        return "{\"name\": " + str(c.name()) + c.policy().map(p -> ", \"policy\": " + str(p.name())).orElse("")
                + ", \"rules\": [" + c.rules().stream().map(r -> rule(c.name(), r)).collect(Collectors.joining(", ")) + "]}";
    }

    private static String rule(String chain, Rule r) {
        return "{\"text\": " + str(IptablesSave.ruleLine(chain, r)) + ", \"provenance\": " + str(r.provenance().text()) + "}";
    }

    /** A JSON string literal; see {@link JsonString}. */
    public static String str(String s) {
        return JsonString.quote(s);
    }
}
