package io.netrig.model.render.inspect;

import io.netrig.model.firewall.TableName;
import io.netrig.model.render.inspect.IpLink.IpAddr;
import java.util.List;

/**
 * The JSON report of {@code netrig inspect --format json}, for machines: per host its networks exactly as
 * {@code docker network inspect} prints them, its bridges, its interfaces and its containers' in the shape of
 * {@code ip -j addr}, and its {@code iptables -S} lines per table.
 */
public final class InspectJson {
    /** What {@code ip -j} prints for a "forever" lifetime. */
    private static final long FOREVER = 4294967295L;

    private InspectJson() {
    }

    public static String render(LabInspection inspection) {
        Json doc = Json.object()
                .put("lab", inspection.lab())
                .put("hosts", Json.arr(inspection.hosts().stream().map(InspectJson::host).toList()))
                .build();
        return Json.write(doc, "  ") + "\n";
    }

    private static Json host(HostInspection h) {
        Json.Builder b = Json.object().put("name", h.name()).put("docker", h.docker());
        if (h.docker()) {
            b.put("networks", Json.arr(h.networks().stream().map(NetworkInspect::json).toList()));
            b.put("bridges", Json.arr(h.bridges().stream().map(InspectJson::bridge).toList()));
        }
        b.put("ip_addr", links(h.links()));
        if (h.docker()) {
            b.put("containers", Json.arr(h.containers().stream().map(c -> Json.object().put("name", c.name()).put("id", c.id())
                    .put("ip_addr", links(c.links())).build()).toList()));
        }
        if (h.showsIptables()) {
            b.put("iptables", Json.object()
                    .put("nat", Json.strings(IptablesRules.lines(h.ruleset(), TableName.NAT)))
                    .put("filter", Json.strings(IptablesRules.lines(h.ruleset(), TableName.FILTER)))
                    .build());
        }
        return b.build();
    }

    private static Json bridge(BridgeInfo b) {
        return Json.object().put("bridge_name", b.name()).put("bridge_id", b.bridgeId()).put("stp_enabled", b.stp())
                .put("interfaces", Json.strings(b.interfaces())).build();
    }

    /** iproute2's JSON field names and order. */
    private static Json links(List<IpLink> links) {
        return Json.arr(links.stream().map(l -> {
            Json.Builder b = Json.object().put("ifindex", l.index()).put("ifname", l.name());
            l.linkIndex().ifPresent(i -> b.put("link_index", i));
            l.linkName().ifPresent(n -> b.put("link", n));
            b.put("flags", Json.strings(l.flags())).put("mtu", l.mtu()).put("qdisc", l.qdisc());
            l.master().ifPresent(m -> b.put("master", m));
            b.put("operstate", l.state()).put("group", "default");
            if (l.qlen() != 0) {
                b.put("txqlen", l.qlen());
            }
            b.put("link_type", l.linkType()).put("address", l.address().toString()).put("broadcast", l.broadcast().toString());
            l.linkNetnsid().ifPresent(id -> b.put("link_netnsid", id));
            b.put("addr_info", Json.arr(l.addresses().stream().map(InspectJson::addr).toList()));
            return b.build();
        }).toList());
    }

    private static Json addr(IpAddr a) {
        Json.Builder b = Json.object().put("family", "inet").put("local", a.address().address().toString())
                .put("prefixlen", a.address().length());
        a.broadcast().ifPresent(brd -> b.put("broadcast", brd.toString()));
        return b.put("scope", a.scope()).put("label", a.label()).put("valid_life_time", FOREVER)
                .put("preferred_life_time", FOREVER).build();
    }
}
