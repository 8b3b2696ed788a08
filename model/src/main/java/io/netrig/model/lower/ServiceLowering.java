package io.netrig.model.lower;

import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.firewall.Match;
import io.netrig.model.firewall.Rule;
import io.netrig.model.firewall.Target;
import io.netrig.model.ipam.AddressPlan;
import io.netrig.model.ipam.DockerIpam;
import io.netrig.model.ipam.NetworkPlan;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.net.LinkName;
import io.netrig.model.net.MacAddress;
import io.netrig.model.spec.ContainerSpec;
import io.netrig.model.spec.EndpointSpec;
import io.netrig.model.spec.HostSpec;
import io.netrig.model.spec.LabSpec;
import io.netrig.model.spec.NetworkSpec;
import io.netrig.model.spec.ServiceSpec;
import io.netrig.model.spec.SwarmServices;
import io.netrig.model.topology.Address;
import io.netrig.model.topology.BridgePort;
import io.netrig.model.topology.DnsRecord;
import io.netrig.model.topology.Iface;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.LoadBalancer;
import io.netrig.model.topology.NamespaceKind;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.Route;
import io.netrig.model.topology.Sysctl;
import io.netrig.model.topology.Topology;
import io.netrig.model.topology.Veth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Swarm services as Docker 20.10 wires them on each node (libnetwork's service_linux.go), with IPVS as
 * {@link LoadBalancer} objects:
 * <ul>
 *   <li>the ingress sandbox {@code <node>.ingress_sbox} on every swarm node: {@code eth0} on the ingress network,
 *       {@code eth1} on docker_gwbridge (its default route), forwarding on; for each port published through the
 *       routing mesh a balancer over the tasks' ingress addresses that also rewrites the source to the sandbox's
 *       ingress address ({@code -m ipvs --ipvs -j SNAT}); the node's DOCKER-INGRESS chains send the port there;</li>
 *   <li>in each task, {@code nat/PREROUTING} redirects the published port arriving on its ingress address to the target
 *       port;</li>
 *   <li>in every container on a network, a balancer for each VIP-mode service on it (connections to the VIP go to its
 *       tasks) and the DNAT of ICMP echo requests for the VIP to 127.0.0.1, which libnetwork adds so that the VIP
 *       answers ping;</li>
 *   <li>the embedded DNS answers a service's name with its VIP (or, in dnsrr mode, its tasks' addresses) and
 *       {@code tasks.<service>} with its tasks' addresses.</li>
 * </ul>
 */
final class ServiceLowering {
    private static final Ipv4Address LOCALHOST = Ipv4Address.parse("127.0.0.1");

    private final LabSpec spec;
    private final AddressPlan plan;
    private final Topology.Builder topo;
    private final Map<String, DockerFirewall> firewalls;
    private final Map<String, List<Rule>> natPrerouting = new HashMap<>();
    private final Map<String, List<Rule>> natOutput = new HashMap<>();
    private final String ingress;

    ServiceLowering(LabSpec spec, AddressPlan plan, Topology.Builder topo, Map<String, DockerFirewall> firewalls) {
        this.spec = spec;
        this.plan = plan;
        this.topo = topo;
        this.firewalls = firewalls;
        this.ingress = SwarmServices.ingressName(spec);
    }

    /** Builds the sandboxes and balancers, and adds the hosts' ingress rules; returns the rules for containers' nat tables. */
    ContainerNatRules lower() {
        for (String node : SwarmServices.nodes(spec)) {
            ingressSandbox(spec.hosts().get(node));
        }
        for (ServiceSpec s : spec.services().values()) {
            redirects(s);
        }
        for (NetworkSpec n : spec.networks().values()) {
            if (n.swarmScoped() && !n.overlay().ingress()) {
                virtualIps(n);
            }
        }
        return new ContainerNatRules(natPrerouting, natOutput);
    }

    /** Extra rules for containers' nat PREROUTING and OUTPUT chains, by container namespace. */
    record ContainerNatRules(Map<String, List<Rule>> prerouting, Map<String, List<Rule>> output) {
        static final ContainerNatRules NONE = new ContainerNatRules(Map.of(), Map.of());

        List<Rule> preroutingOf(String ns) {
            return prerouting.getOrDefault(ns, List.of());
        }

        List<Rule> outputOf(String ns) {
            return output.getOrDefault(ns, List.of());
        }
    }

    private void ingressSandbox(HostSpec node) {
        String ns = SwarmServices.sandboxNamespace(node.name());
        String owner = SwarmServices.sandboxOwner(node.name());
        Optional<Ipv4Address> ingressIp = plan.endpoint(owner, ingress);
        Optional<Ipv4Address> gwIp = plan.endpoint(owner, DockerIpam.GATEWAY_BRIDGE);
        Optional<NetworkPlan> gw = plan.network(node.name(), DockerIpam.GATEWAY_BRIDGE);
        if (ingressIp.isEmpty() || gwIp.isEmpty() || gw.isEmpty()) {
            return;
        }
        Provenance p = Provenance.of("ingress sandbox of swarm node '" + node.name() + "'");
        topo.namespace(ns, NamespaceKind.CONTAINER, p);
        NetworkSpec ingressNetwork = spec.networks().get(ingress);
        int mtu = ingressNetwork.overlayMtu();
        int length = plan.network(AddressPlan.SWARM_SCOPE, ingress).orElseThrow().poolOf(ingressIp.get()).orElseThrow().subnet().length();
        LinkRef eth0 = LinkRef.end(ns, "eth0");
        topo.link(new Veth(Iface.of(eth0).withMac(MacAddress.dockerFromIp(ingressIp.get())).withMtu(mtu),
                Iface.of(LinkRef.end(DockerNames.overlayNamespace(node.name(), ingress),
                        DockerNames.hostVeth(owner, ingress))).withMtu(mtu).withPort(BridgePort.of(LinkName.of("br0"))),
                Provenance.of(p + ": endpoint on the ingress network")));
        topo.address(new Address(eth0, Ipv4Interface.of(ingressIp.get(), length), p));
        LinkRef eth1 = LinkRef.end(ns, "eth1");
        BridgePort port = new BridgePort(LinkName.of(DockerIpam.GATEWAY_BRIDGE), !node.daemon().userlandProxy(), false);
        topo.link(new Veth(Iface.of(eth1).withMac(MacAddress.dockerFromIp(gwIp.get())),
                Iface.of(LinkRef.end(node.name(), DockerNames.hostVeth(owner, DockerIpam.GATEWAY_BRIDGE))).withPort(port),
                Provenance.of(p + ": endpoint on docker_gwbridge")));
        topo.address(new Address(eth1, Ipv4Interface.of(gwIp.get(), gw.get().subnet().length()), p));
        topo.route(Route.via(ns, Ipv4Prefix.DEFAULT, gw.get().gateway(), Provenance.of(p + ": default route via docker_gwbridge")));
        topo.sysctl(new Sysctl(ns, Sysctl.IP_FORWARD, "1", Provenance.of(p + ": forwards to the tasks")));
        for (ServiceSpec s : SwarmServices.servicesOn(spec, ingress)) {
            List<Ipv4Address> backends = taskAddresses(s, ingress);
            for (ServiceSpec.ServicePort sp : s.ingressPorts()) {
                topo.loadBalancer(new LoadBalancer(ns, new LoadBalancer.PublishedPort(sp.protocol(), sp.published()), backends,
                        ingressIp, s.name(), Provenance.of(p + ": service '" + s.name() + "' published port " + sp.published()
                        + "/" + sp.protocol().iptablesName())));
                Optional.ofNullable(firewalls.get(node.name())).ifPresent(f -> f.addIngressPort(s.name(), sp.protocol(), sp.published(), gwIp.get()));
            }
        }
    }

    /** In each task, the published port arriving on its ingress address goes to the target port. */
    private void redirects(ServiceSpec s) {
        for (SwarmServices.Task t : SwarmServices.tasksOf(spec, s.name())) {
            plan.endpoint(t.name(), ingress).ifPresent(ip -> {
                for (ServiceSpec.ServicePort sp : s.ingressPorts()) {
                    Provenance p = Provenance.of("task '" + t.name() + "' of service '" + s.name() + "': published port "
                            + sp.published() + " to target port " + sp.target());
                    natPrerouting.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(Rule.of(new Target.Redirect(Optional.of(sp.target())), p,
                            new Match.Destination(Ipv4Prefix.of(ip, 32), false), new Match.Protocol(sp.protocol(), false),
                            new Match.DestinationPort(sp.published(), sp.published(), false)));
                }
            });
        }
    }

    /** In every container on overlay {@code n}, the VIP of each VIP-mode service on it. */
    private void virtualIps(NetworkSpec n) {
        List<ServiceSpec> services = SwarmServices.servicesOn(spec, n.name()).stream()
                .filter(s -> s.endpointMode() == ServiceSpec.EndpointMode.VIP).toList();
        if (services.isEmpty()) {
            return;
        }
        for (ContainerSpec c : spec.containers().values()) {
            if (c.endpoints().stream().map(EndpointSpec::network).noneMatch(n.name()::equals)) {
                continue;
            }
            for (ServiceSpec s : services) {
                plan.endpoint(SwarmServices.vipOwner(s.name()), n.name()).ifPresent(vip -> {
                    Provenance p = Provenance.of("container '" + c.name() + "': service '" + s.name() + "' VIP " + vip + " on network '"
                            + n.name() + "'");
                    topo.loadBalancer(new LoadBalancer(c.name(), new LoadBalancer.Vip(vip), taskAddresses(s, n.name()), Optional.empty(),
                            s.name(), p));
                    natOutput.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(Rule.of(new Target.Dnat(LOCALHOST, Optional.empty()),
                            Provenance.of(p + ": the VIP answers ping"), new Match.Destination(Ipv4Prefix.of(vip, 32), false),
                            new Match.Protocol(IpProtocol.ICMP, false), new Match.IcmpType(Match.IcmpType.ECHO_REQUEST, false)));
                });
            }
        }
    }

    private List<Ipv4Address> taskAddresses(ServiceSpec s, String network) {
        return SwarmServices.tasksOf(spec, s.name()).stream().map(t -> plan.endpoint(t.name(), network)).flatMap(Optional::stream).toList();
    }

    /** The embedded DNS's records for the services on {@code network}: name → VIP or tasks, {@code tasks.<name>} → tasks. */
    static List<DnsRecord> records(LabSpec spec, AddressPlan plan, String network) {
        List<DnsRecord> out = new ArrayList<>();
        for (ServiceSpec s : SwarmServices.servicesOn(spec, network)) {
            if (network.equals(SwarmServices.ingressName(spec))) {
                continue;
            }
            List<Ipv4Address> tasks = SwarmServices.tasksOf(spec, s.name()).stream().map(t -> plan.endpoint(t.name(), network))
                    .flatMap(Optional::stream).toList();
            if (s.endpointMode() == ServiceSpec.EndpointMode.VIP) {
                plan.endpoint(SwarmServices.vipOwner(s.name()), network).ifPresent(vip -> out.add(new DnsRecord(s.name(), vip)));
            } else {
                tasks.forEach(ip -> out.add(new DnsRecord(s.name(), ip)));
            }
            tasks.forEach(ip -> out.add(new DnsRecord("tasks." + s.name(), ip)));
        }
        return out;
    }
}
