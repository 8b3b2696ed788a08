package io.netrig.kernel;

import static io.netrig.model.topology.LinkRef.end;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.net.LinkName;
import io.netrig.model.topology.BridgePort;
import io.netrig.model.topology.DnsRecord;
import io.netrig.model.topology.DnsServer;
import io.netrig.model.topology.HostsEntry;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.NamespaceKind;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.ResolverConfig;
import io.netrig.model.topology.Route;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link DockerTopology} (network 'back', 172.18.0.0/16 on br-1: c1 .2, c2 .3) with name resolution in c1 as Docker
 * writes it for a user-defined network: a hosts file naming c1 itself, resolv.conf pointing at the embedded DNS server
 * 127.0.0.11 that c1 runs, which knows c2 (and "web", with both containers' addresses). {@link #connected()} is the
 * same lab after {@code docker network connect front c1} plus a container c3 on network 'front' (172.19.0.0/16 on
 * br-2: c3 .3, c1 .2 on its new eth1), where c1's default route moves to front's gateway 172.19.0.1 and the DNS
 * server learns c3.
 */
public final class TwoNetworksTopology {
    public static final Ipv4Address FRONT_GATEWAY = Ipv4Address.parse("172.19.0.1");
    public static final Ipv4Address C1_FRONT = Ipv4Address.parse("172.19.0.2");
    public static final Ipv4Address C3 = Ipv4Address.parse("172.19.0.3");
    private static final Provenance BACK = Provenance.of("network 'back'");
    private static final Provenance FRONT = Provenance.of("network 'front'");

    private TwoNetworksTopology() {
    }

    public static Topology base() {
        Topology.Builder b = DockerTopology.builder(false)
                .route(Route.via("c1", Ipv4Prefix.DEFAULT, DockerTopology.GATEWAY, BACK))
                .route(Route.via("c2", Ipv4Prefix.DEFAULT, DockerTopology.GATEWAY, BACK));
        return withResolution(b, List.of()).build();
    }

    public static Topology connected() {
        LinkName br2 = LinkName.of("br-2");
        Topology.Builder b = DockerTopology.builder(false)
                .namespace("c3", NamespaceKind.CONTAINER, Provenance.of("container 'c3'"))
                .bridge(end("host", "br-2"))
                .link(new Veth(Iface.of(end("host", "vethc3")).withPort(BridgePort.of(br2)), Iface.of(end("c3", "eth0")),
                        Provenance.of("container 'c3' endpoint on 'front'")))
                .link(new Veth(Iface.of(end("host", "vethc1b")).withPort(BridgePort.of(br2)), Iface.of(end("c1", "eth1")),
                        Provenance.of("container 'c1' endpoint on 'front'")))
                .address(end("host", "br-2"), Ipv4Interface.parse("172.19.0.1/16"))
                .address(end("c3", "eth0"), Ipv4Interface.parse("172.19.0.3/16"))
                .address(end("c1", "eth1"), Ipv4Interface.parse("172.19.0.2/16"))
                .route(Route.via("c1", Ipv4Prefix.DEFAULT, FRONT_GATEWAY, FRONT))
                .route(Route.via("c2", Ipv4Prefix.DEFAULT, DockerTopology.GATEWAY, BACK))
                .route(Route.via("c3", Ipv4Prefix.DEFAULT, FRONT_GATEWAY, FRONT));
        return withResolution(b, List.of(new DnsRecord("c3", C3))).build();
    }

    private static Topology.Builder withResolution(Topology.Builder b, List<DnsRecord> more) {
        Provenance c1 = Provenance.of("container 'c1' name resolution");
        List<DnsRecord> records = new ArrayList<>(List.of(new DnsRecord("c2", DockerTopology.C2),
                new DnsRecord("web", DockerTopology.C2), new DnsRecord("web", DockerTopology.C1)));
        records.addAll(more);
        return b.resolver(new ResolverConfig("c1", List.of(new HostsEntry(Ipv4Address.parse("127.0.0.1"), List.of("localhost")),
                        new HostsEntry(DockerTopology.C1, List.of("c1", "1a2b3c4d5e6f"))),
                        List.of(DnsServer.EMBEDDED_ADDRESS), List.of("ndots:0"), c1))
                .service(new DnsServer("c1", DnsServer.EMBEDDED_ADDRESS, DnsServer.DNS_PORT, records, Provenance.of("container 'c1' embedded DNS")));
    }
}
