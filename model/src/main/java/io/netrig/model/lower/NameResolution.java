package io.netrig.model.lower;

import io.netrig.model.firewall.Chain;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.firewall.Match;
import io.netrig.model.firewall.Policy;
import io.netrig.model.firewall.Rule;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.firewall.Table;
import io.netrig.model.firewall.TableName;
import io.netrig.model.firewall.Target;
import io.netrig.model.ipam.AddressPlan;
import io.netrig.model.ipam.DockerIpam;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.spec.ContainerLink;
import io.netrig.model.spec.ContainerSpec;
import io.netrig.model.spec.EndpointSpec;
import io.netrig.model.spec.HostSpec;
import io.netrig.model.spec.LabSpec;
import io.netrig.model.spec.ListenSpec;
import io.netrig.model.spec.NetworkMode;
import io.netrig.model.topology.DnsRecord;
import io.netrig.model.topology.DnsServer;
import io.netrig.model.topology.HostsEntry;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.ResolverConfig;
import io.netrig.model.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How names resolve in each namespace, as Docker 20.10 writes a container's {@code /etc/hosts} and
 * {@code /etc/resolv.conf} and runs its embedded DNS:
 * <ul>
 *   <li>every hosts file starts with {@code 127.0.0.1 localhost}; a container's also names its own first address
 *       with its hostname (the 12-digit short ID), and on the default bridge each {@code --link} target by alias,
 *       short ID and name;</li>
 *   <li>a container on a user-defined network uses the embedded DNS ({@code nameserver 127.0.0.11},
 *       {@code options ndots:0}), which answers for the containers sharing one of its user-defined networks: their
 *       names, network aliases and short IDs, with their address on that network; a DNAT in the container's
 *       nat/DOCKER_OUTPUT takes queries to its real port;</li>
 *   <li>a container only on the default bridge (or with no network) gets the host's nameservers; the lab's hosts have
 *       none, so Docker's fallback applies: 8.8.8.8 and 8.8.4.4;</li>
 *   <li>a host resolves from its hosts file only (no nameserver: glibc asks 127.0.0.1, where nothing listens).</li>
 * </ul>
 * With ICC off on the default bridge, a link also opens the linked container's exposed ports to the linking one.
 */
final class NameResolution {
    static final String LOCALHOST = "localhost";
    static final String DOCKER_OUTPUT = "DOCKER_OUTPUT";
    static final String DOCKER_POSTROUTING = "DOCKER_POSTROUTING";
    static final List<Ipv4Address> DOCKER_FALLBACK_DNS = List.of(Ipv4Address.parse("8.8.8.8"), Ipv4Address.parse("8.8.4.4"));
    private static final HostsEntry LOCALHOST_ENTRY = new HostsEntry(Ipv4Address.parse("127.0.0.1"), List.of(LOCALHOST));

    private final LabSpec spec;
    private final AddressPlan plan;
    private final Topology.Builder topo;
    private final Map<String, DockerFirewall> firewalls;
    private final Map<String, List<DnsRecord>> recordsByNetwork = new java.util.HashMap<>();
    private final ServiceLowering.ContainerNatRules serviceRules;

    NameResolution(LabSpec spec, AddressPlan plan, Topology.Builder topo, Map<String, DockerFirewall> firewalls,
                   ServiceLowering.ContainerNatRules serviceRules) {
        this.spec = spec;
        this.plan = plan;
        this.topo = topo;
        this.firewalls = firewalls;
        this.serviceRules = serviceRules;
    }

    void lower() {
        for (HostSpec host : spec.hosts().values()) {
            topo.resolver(new ResolverConfig(host.name(), List.of(LOCALHOST_ENTRY), List.of(), List.of(),
                    Provenance.of("host '" + host.name() + "': hosts file")));
        }
        for (ContainerSpec c : spec.containers().values()) {
            if (c.mode() instanceof NetworkMode.Attached) {
                attached(c);
            } else if (c.mode() instanceof NetworkMode.None) {
                topo.resolver(new ResolverConfig(c.name(), List.of(LOCALHOST_ENTRY), DOCKER_FALLBACK_DNS, List.of(),
                        Provenance.of("container '" + c.name() + "': no network, the host's resolvers (Docker's fallback)")));
            }
        }
    }

    static String shortId(String container) {
        return DockerNames.containerId(container).substring(0, 12);
    }

    private void attached(ContainerSpec c) {
        List<HostsEntry> hosts = new ArrayList<>();
        hosts.add(LOCALHOST_ENTRY);
        for (ContainerLink link : c.links()) {
            plan.endpoint(link.container(), DockerIpam.DEFAULT_BRIDGE).ifPresent(ip -> {
                hosts.add(new HostsEntry(ip, link.alias().equals(link.container())
                        ? List.of(link.container(), shortId(link.container()))
                        : List.of(link.alias(), shortId(link.container()), link.container())));
                linkRules(c, link, ip);
            });
        }
        c.endpoints().stream().findFirst().flatMap(first -> plan.endpoint(c.name(), first.network()))
                .ifPresent(ip -> hosts.add(new HostsEntry(ip, List.of(shortId(c.name())))));
        List<EndpointSpec> userDefined = c.endpoints().stream().filter(ep -> spec.networks().containsKey(ep.network())).toList();
        if (userDefined.isEmpty()) {
            topo.resolver(new ResolverConfig(c.name(), hosts, DOCKER_FALLBACK_DNS, List.of(), Provenance.of("container '"
                    + c.name() + "': default bridge, the host's resolvers (Docker's fallback: none are configured)")));
            return;
        }
        Provenance p = Provenance.of("container '" + c.name() + "': embedded DNS on "
                + String.join(", ", userDefined.stream().map(EndpointSpec::network).toList()));
        topo.resolver(new ResolverConfig(c.name(), hosts, List.of(DnsServer.EMBEDDED_ADDRESS), List.of("ndots:0"), p));
        int port = resolverPort(c);
        topo.service(new DnsServer(c.name(), DnsServer.EMBEDDED_ADDRESS, port, records(userDefined), p));
        topo.ruleset(embeddedDnsRules(c.name(), port, p, serviceRules.preroutingOf(c.name()), serviceRules.outputOf(c.name())));
    }

    /**
     * The port the embedded DNS really listens on: dockerd takes a random free one; netrig derives it from the container
     * name (in Linux's ephemeral range, 32768-60999), skipping the container's own UDP listeners.
     */
    private static int resolverPort(ContainerSpec c) {
        int span = 60999 - 32768 + 1;
        int port = 32768 + Math.floorMod(DockerNames.containerId(c.name()).hashCode(), span);
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        c.listening().stream().filter(l -> l.protocol() == IpProtocol.UDP).forEach(l -> taken.add(l.port()));
        while (taken.contains(port)) {
            port = port == 60999 ? 32768 : port + 1;
        }
        return port;
    }

    /**
     * The rules libnetwork's resolver installs in the container's namespace so that {@code 127.0.0.11:53} reaches it:
     * a DNAT in nat/DOCKER_OUTPUT to its real port. Docker also installs the same for TCP and an SNAT back to port 53 in
     * DOCKER_POSTROUTING; netrig's server answers UDP only, and conntrack already restores the source of its answers,
     * so DOCKER_POSTROUTING stays empty. A swarm service's rules in the container (see {@link ServiceLowering}) follow
     * in PREROUTING and OUTPUT.
     */
    private static Ruleset embeddedDnsRules(String ns, int port, Provenance p, List<Rule> prerouting, List<Rule> moreOutput) {
        Ipv4Prefix dns32 = Ipv4Prefix.of(DnsServer.EMBEDDED_ADDRESS, 32);
        Match toDns = new Match.Destination(dns32, false);
        List<Rule> outputRules = new ArrayList<>();
        outputRules.add(Rule.of(new Target.Jump(DOCKER_OUTPUT), p, toDns));
        outputRules.addAll(moreOutput);
        Chain output = new Chain("OUTPUT", Optional.of(Policy.ACCEPT), outputRules);
        Chain postrouting = new Chain("POSTROUTING", Optional.of(Policy.ACCEPT),
                List.of(Rule.of(new Target.Jump(DOCKER_POSTROUTING), p, toDns)));
        Chain dockerOutput = new Chain(DOCKER_OUTPUT, Optional.empty(), List.of(Rule.of(
                new Target.Dnat(DnsServer.EMBEDDED_ADDRESS, Optional.of(port)), p, toDns, new Match.Protocol(IpProtocol.UDP, false),
                new Match.DestinationPort(DnsServer.DNS_PORT, DnsServer.DNS_PORT, false))));
        Table nat = new Table(TableName.NAT, List.of(
                new Chain("PREROUTING", Optional.of(Policy.ACCEPT), prerouting),
                new Chain("INPUT", Optional.of(Policy.ACCEPT), List.of()),
                output, postrouting, dockerOutput,
                new Chain(DOCKER_POSTROUTING, Optional.empty(), List.of())));
        return new Ruleset(ns, List.of(nat));
    }

    /** The names of every container sharing one of {@code networks}, with its address on that network. */
    private List<DnsRecord> records(List<EndpointSpec> networks) {
        List<DnsRecord> records = new ArrayList<>();
        networks.forEach(mine -> records.addAll(recordsOf(mine.network())));
        return records;
    }

    /** The names every member of {@code network} has there: worked out once per network, shared by its members' servers. */
    private List<DnsRecord> recordsOf(String network) {
        return recordsByNetwork.computeIfAbsent(network, n -> {
            List<DnsRecord> records = new ArrayList<>();
            for (ContainerSpec other : spec.containers().values()) {
                for (EndpointSpec theirs : other.endpoints()) {
                    if (theirs.network().equals(n)) {
                        plan.endpoint(other.name(), n).ifPresent(ip -> {
                            records.add(new DnsRecord(other.name(), ip));
                            theirs.aliases().forEach(alias -> records.add(new DnsRecord(alias, ip)));
                            records.add(new DnsRecord(shortId(other.name()), ip));
                        });
                    }
                }
            }
            records.addAll(ServiceLowering.records(spec, plan, n));
            return List.copyOf(records);
        });
    }

    /** With ICC off on the default bridge, libnetwork opens the linked container's exposed ports (see DockerFirewall). */
    private void linkRules(ContainerSpec c, ContainerLink link, Ipv4Address childIp) {
        HostSpec host = spec.hosts().get(c.host());
        DockerFirewall firewall = firewalls.get(c.host());
        ContainerSpec child = spec.containers().get(link.container());
        if (host.daemon().icc() || firewall == null || child == null) {
            return;
        }
        plan.endpoint(c.name(), DockerIpam.DEFAULT_BRIDGE).ifPresent(parentIp -> {
            for (ListenSpec port : child.exposed()) {
                firewall.addLink(DockerNames.DEFAULT_BRIDGE_DEVICE, c.name(), parentIp, child.name(), childIp, port.port(), port.protocol());
            }
        });
    }
}
