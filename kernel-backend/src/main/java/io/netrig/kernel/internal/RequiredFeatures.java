package io.netrig.kernel.internal;

import io.netrig.model.UnsupportedFeatureException;
import io.netrig.model.backend.Capabilities;
import io.netrig.model.backend.Feature;
import io.netrig.model.topology.Bridge;
import io.netrig.model.topology.Dummy;
import io.netrig.model.topology.Ipvlan;
import io.netrig.model.topology.Link;
import io.netrig.model.topology.Macvlan;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import io.netrig.model.topology.Vxlan;
import io.netrig.model.topology.Vlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Which kernel features a topology needs, each with the object that needs it (to name it when it is missing). */
public final class RequiredFeatures {
    /** One feature one object needs. */
    public record Need(Feature feature, String object) {
        public Need {
            Objects.requireNonNull(feature, "feature");
            Objects.requireNonNull(object, "object");
        }
    }

    private RequiredFeatures() {
    }

    public static List<Need> of(Topology t) {
        List<Need> needs = new ArrayList<>();
        for (Link link : t.links()) {
            needs.add(switch (link) {
                case Veth v -> new Need(Feature.VETH, "veth " + v.a().ref() + " <-> " + v.b().ref() + " (" + v.provenance() + ")");
                case Bridge b -> new Need(Feature.BRIDGE, "bridge " + b.self().ref() + " (" + b.provenance() + ")");
                case Macvlan m -> new Need(Feature.MACVLAN, "macvlan " + m.self().ref() + " on " + m.parent()
                        + " (" + m.provenance() + ")");
                case Ipvlan i -> new Need(Feature.IPVLAN, "ipvlan " + i.self().ref() + " (mode " + i.mode().ipName() + ") on "
                        + i.parent() + " (" + i.provenance() + ")");
                case Vlan v -> new Need(Feature.VLAN, "802.1q vlan " + v.self().ref() + " (id " + v.vlanId() + ") on " + v.parent()
                        + " (" + v.provenance() + ")");
                case Dummy d -> new Need(Feature.DUMMY, "dummy " + d.self().ref() + " (" + d.provenance() + ")");
                case Vxlan x -> new Need(Feature.VXLAN, "vxlan " + x.self().ref() + " (" + x.provenance() + ")");
            });
        }
        t.sysctls().stream().filter(s -> s.key().startsWith("net.bridge."))
                .forEach(s -> needs.add(new Need(Feature.BR_NETFILTER, "sysctl " + s.key() + " in " + s.namespace() + " (" + s.provenance() + ")")));
        t.rulesets().forEach(rs -> needs.add(new Need(Feature.IPTABLES, "firewall rules of " + rs.namespace())));
        t.ipsec().forEach(a -> needs.add(new Need(Feature.ESP, "IPsec ESP from " + a.local() + " to " + a.remote() + " in " + a.namespace()
                + " (" + a.provenance() + ")")));
        return List.copyOf(needs);
    }

    /** Throws for the first need the capabilities lack, naming the feature, the object, and why it is missing. */
    public static void check(Topology t, Capabilities caps) {
        for (Need need : of(t)) {
            if (need.feature() == Feature.ESP && caps.has(Feature.ESP)) {
                throw new UnsupportedFeatureException("esp", "the kernel backend cannot build " + need.object() + " of topology '"
                        + t.name() + "': this kernel has ESP, but netrig's kernel backend does not build xfrm states and policies yet; "
                        + "the simulator can still run this lab");
            }
            if (!caps.has(need.feature())) {
                String why = caps.missing().getOrDefault(need.feature(), "not available");
                throw new UnsupportedFeatureException(need.feature().name().toLowerCase(java.util.Locale.ROOT),
                        "the kernel backend cannot build " + need.object() + " of topology '" + t.name() + "': "
                                + need.feature().name().toLowerCase(java.util.Locale.ROOT) + " is missing here (" + why
                                + "); the simulator can still run this lab");
            }
        }
    }
}
