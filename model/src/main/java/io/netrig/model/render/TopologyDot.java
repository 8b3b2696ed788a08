package io.netrig.model.render;

import io.netrig.model.topology.Address;
import io.netrig.model.topology.Bridge;
import io.netrig.model.topology.Dummy;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.Ipvlan;
import io.netrig.model.topology.Link;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Macvlan;
import io.netrig.model.topology.Namespace;
import io.netrig.model.topology.NamespaceAlias;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import io.netrig.model.topology.Vlan;
import io.netrig.model.topology.Vxlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Draws a topology as Graphviz DOT text (for {@code dot -Tsvg}): every namespace is a cluster, every interface a node
 * inside it labelled with its name, addresses and any fixed MAC or MTU; a veth pair is an edge between its ends, a bridge
 * port an edge to its bridge, a macvlan, ipvlan or vlan child an edge to its parent, a vxlan device a dashed edge to its
 * UDP socket in the underlay namespace. The output follows the topology's own order, so the same topology always gives
 * the same text.
 */
public final class TopologyDot {
    private static final String INDENT = "  ";

    private TopologyDot() {
    }

    public static String render(Topology t) {
        Map<String, List<String>> nodesByNs = new LinkedHashMap<>();
        for (Namespace ns : t.namespaces()) {
            nodesByNs.put(ns.name(), new ArrayList<>());
        }
        List<String> edges = new ArrayList<>();
        Set<String> sockets = new LinkedHashSet<>();
        for (Link link : t.links()) {
            for (Iface iface : link.ifaces()) {
                nodesByNs.computeIfAbsent(iface.ref().namespace(), k -> new ArrayList<>()).add(node(t, link, iface));
                iface.port().ifPresent(port -> edges.add(edge(iface.ref(), new LinkRef(iface.ref().namespace(), port.bridge()),
                        "", "solid", port.hairpin() ? "hairpin" : port.isolated() ? "isolated" : "")));
            }
            switch (link) {
                case Veth(Iface a, Iface b, var p) -> edges.add(edge(a.ref(), b.ref(), "veth", "bold", ""));
                case Bridge b -> {
                }
                case Dummy d -> {
                }
                case Macvlan(Iface self, LinkRef parent, var mode, var p) ->
                        edges.add(edge(self.ref(), parent, "macvlan " + mode.ipName(), "dotted", ""));
                case Ipvlan(Iface self, LinkRef parent, var mode, var p) ->
                        edges.add(edge(self.ref(), parent, "ipvlan " + mode.ipName(), "dotted", ""));
                case Vlan(Iface self, LinkRef parent, int id, var p) -> edges.add(edge(self.ref(), parent, "vlan " + id, "dotted", ""));
                case Vxlan(Iface self, String underlay, int vni, int port, var local, boolean learning, boolean proxy, var p) -> {
                    String socket = underlay + ":udp:" + local.map(Object::toString).orElse("*") + ":" + port;
                    if (sockets.add(socket)) {
                        nodesByNs.computeIfAbsent(underlay, k -> new ArrayList<>()).add(quote(socket) + " [label=" + quote("udp "
                                + local.map(Object::toString).orElse("*") + ":" + port) + ", shape=plaintext];");
                    }
                    edges.add(quote(self.ref().toString()) + " -- " + quote(socket) + " [label=\"vni " + vni + "\", style=dashed];");
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("graph ").append(quote(t.name())).append(" {\n");
        out.append(INDENT).append("graph [label=").append(quote("lab " + t.name())).append(", labelloc=t, fontname=\"Helvetica\", "
                + "fontsize=14, rankdir=LR, newrank=true, compound=true, nodesep=0.3, ranksep=0.8];\n");
        out.append(INDENT).append("node [fontname=\"Helvetica\", fontsize=10, shape=box, style=\"rounded,filled\", fillcolor=white];\n");
        out.append(INDENT).append("edge [fontname=\"Helvetica\", fontsize=9];\n");
        int cluster = 0;
        for (Map.Entry<String, List<String>> e : nodesByNs.entrySet()) {
            Namespace ns = t.namespace(e.getKey()).orElse(null);
            out.append(INDENT).append("subgraph ").append(quote("cluster_" + cluster++)).append(" {\n");
            out.append(INDENT).append(INDENT).append("label=").append(quote(namespaceLabel(t, e.getKey(), ns))).append(";\n");
            out.append(INDENT).append(INDENT).append("style=\"rounded,filled\"; color=gray40; fillcolor=")
                    .append(quote(ns == null ? "white" : fill(ns))).append(";\n");
            if (e.getValue().isEmpty()) {
                // Graphviz does not draw an empty cluster; a namespace without links still exists in the lab
                out.append(INDENT).append(INDENT).append(quote(e.getKey() + ":(none)"))
                        .append(" [label=\"no links\", shape=plaintext, style=\"\"];\n");
            }
            for (String node : e.getValue()) {
                out.append(INDENT).append(INDENT).append(node).append('\n');
            }
            out.append(INDENT).append("}\n");
        }
        for (String edge : edges) {
            out.append(INDENT).append(edge).append('\n');
        }
        return out.append("}\n").toString();
    }

    private static String namespaceLabel(Topology t, String name, Namespace ns) {
        List<String> lines = new ArrayList<>();
        lines.add(name + (ns == null ? "" : " (" + ns.kind().name().toLowerCase(Locale.ROOT) + ")"));
        List<String> sharing = t.aliases().stream().filter(a -> a.namespace().equals(name)).map(NamespaceAlias::name).toList();
        if (!sharing.isEmpty()) {
            lines.add("also " + String.join(", ", sharing));
        }
        return String.join("\n", lines);
    }

    private static String fill(Namespace ns) {
        return switch (ns.kind()) {
            case HOST -> "#eeeeee";
            case CONTAINER -> "#dbeafe";
            case SEGMENT -> "#fef3c7";
            case OVERLAY -> "#dcfce7";
        };
    }

    private static String node(Topology t, Link link, Iface iface) {
        List<String> lines = new ArrayList<>();
        lines.add(iface.ref().name().value() + kindNote(link));
        for (Address a : t.addressesIn(iface.ref().namespace())) {
            if (a.ref().equals(iface.ref())) {
                lines.add(a.address().toString());
            }
        }
        iface.mac().ifPresent(mac -> lines.add(mac.toString()));
        if (iface.mtu() != Iface.DEFAULT_MTU) {
            lines.add("mtu " + iface.mtu());
        }
        String shape = switch (link) {
            case Veth v -> "";
            case Bridge b -> ", shape=box3d, style=filled, fillcolor=\"#fde68a\"";
            case Macvlan m -> ", fillcolor=\"#e9d5ff\"";
            case Ipvlan i -> ", fillcolor=\"#fbcfe8\"";
            case Vlan v -> ", fillcolor=\"#fed7aa\"";
            case Dummy d -> ", style=\"rounded,dashed,filled\"";
            case Vxlan x -> ", shape=cds, style=filled, fillcolor=\"#bbf7d0\"";
        };
        return quote(iface.ref().toString()) + " [label=" + quote(String.join("\n", lines)) + shape + "];";
    }

    private static String kindNote(Link link) {
        return switch (link) {
            case Veth v -> "";
            case Bridge b -> " (bridge)";
            case Macvlan m -> " (macvlan)";
            case Ipvlan i -> " (ipvlan)";
            case Vlan v -> " (vlan)";
            case Dummy d -> " (dummy)";
            case Vxlan x -> " (vxlan " + x.vni() + ")";
        };
    }

    private static String edge(LinkRef from, LinkRef to, String label, String style, String note) {
        String text = note.isEmpty() ? label : label.isEmpty() ? note : label + " " + note;
        return quote(from.toString()) + " -- " + quote(to.toString()) + " [label=" + quote(text) + ", style=" + style + "];";
    }

    /** A DOT quoted string; a line break becomes DOT's centred {@code \n}. */
    static String quote(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> {
                }
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
