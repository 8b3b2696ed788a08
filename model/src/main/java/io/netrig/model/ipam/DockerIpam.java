package io.netrig.model.ipam;

import io.netrig.model.Problem;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.spec.ContainerSpec;
import io.netrig.model.spec.EndpointSpec;
import io.netrig.model.spec.HostSpec;
import io.netrig.model.spec.InterfaceSpec;
import io.netrig.model.spec.LabSpec;
import io.netrig.model.spec.NetworkSpec;
import io.netrig.model.spec.ServiceSpec;
import io.netrig.model.spec.SourceMap;
import io.netrig.model.spec.SpecPath;
import io.netrig.model.spec.SwarmServices;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Docker 20.10's local IPAM for bridge networks, per Docker host:
 * <ul>
 *   <li>the default bridge takes {@code bip} (default 172.17.0.1/16); containers come from {@code fixed-cidr} if set;</li>
 *   <li>a user network without a subnet takes the first default pool (172.17.0.0/16 … 172.31.0.0/16, then
 *       192.168.0.0/20 … 192.168.240.0/20) that overlaps no other network and no interface subnet of that host;</li>
 *   <li>the gateway is the first address of the subnet unless given;</li>
 *   <li>containers get addresses in start order from the ip-range (else the subnet), skipping the network
 *       address, the gateway, aux addresses, the broadcast address and fixed addresses.</li>
 * </ul>
 * One deliberate difference from a real daemon, which works in creation order: networks with an explicit subnet
 * and containers with a fixed {@code ip} are reserved before automatic choices are made, so the order of a
 * declarative spec cannot make an otherwise valid lab collide.
 */
public final class DockerIpam {
    public static final String DEFAULT_BRIDGE = "bridge";
    /** The per-host bridge network of swarm nodes (libnetwork's docker_gwbridge). */
    public static final String GATEWAY_BRIDGE = "docker_gwbridge";
    public static final Ipv4Interface DEFAULT_BIP = Ipv4Interface.parse("172.17.0.1/16");
    private static final List<Ipv4Prefix> DEFAULT_POOLS = defaultPools();

    private final LabSpec spec;
    private final SourceMap sources;
    private final List<Problem> problems;
    private final AddressPlan previous;

    private DockerIpam(LabSpec spec, List<Problem> problems, AddressPlan previous) {
        this.spec = spec;
        this.sources = spec.sources();
        this.problems = problems;
        this.previous = previous;
    }

    /** Plans every address of the lab; problems (pool exhausted, fixed address taken, …) are added to {@code problems}. */
    public static AddressPlan plan(LabSpec spec, List<Problem> problems) {
        return new DockerIpam(spec, problems, AddressPlan.EMPTY).plan();
    }

    /**
     * Plans the addresses of a running lab that changed (a container connected or disconnected): every endpoint that
     * {@code previous} already gave an address keeps it, as a running daemon never renumbers; new endpoints get the
     * first free address.
     */
    public static AddressPlan replan(LabSpec spec, List<Problem> problems, AddressPlan previous) {
        return new DockerIpam(spec, problems, previous).plan();
    }

    private static List<Ipv4Prefix> defaultPools() {
        List<Ipv4Prefix> pools = new ArrayList<>();
        for (int b = 17; b <= 31; b++) {
            pools.add(Ipv4Prefix.parse("172." + b + ".0.0/16"));
        }
        for (int c = 0; c < 256; c += 16) {
            pools.add(Ipv4Prefix.parse("192.168." + c + ".0/20"));
        }
        return List.copyOf(pools);
    }

    private AddressPlan plan() {
        Map<AddressPlan.NetworkKey, NetworkPlan> networks = new LinkedHashMap<>();
        for (HostSpec host : spec.hosts().values()) {
            if (host.docker()) {
                planHostNetworks(host, networks);
            }
        }
        planOverlays(networks);
        Map<AddressPlan.EndpointKey, Ipv4Address> endpoints = planEndpoints(networks);
        return new AddressPlan(networks, endpoints);
    }

    private void planHostNetworks(HostSpec host, Map<AddressPlan.NetworkKey, NetworkPlan> out) {
        List<Ipv4Prefix> taken = new ArrayList<>();
        // The host's own subnets keep automatic pools away (as dockerd avoids its routes), but an explicit subnet
        // may equal the LAN's: that is how macvlan networks are meant to be set up.
        List<Ipv4Prefix> hostSubnets = host.interfaces().values().stream().map(InterfaceSpec::address).flatMap(Optional::stream)
                .map(Ipv4Interface::prefix).toList();
        Ipv4Interface bip = host.daemon().bip().orElse(DEFAULT_BIP);
        Ipv4Prefix bridgeSubnet = bip.prefix();
        Ipv4Prefix fixed = host.daemon().fixedCidr().orElse(bridgeSubnet);
        out.put(new AddressPlan.NetworkKey(host.name(), DEFAULT_BRIDGE),
                new NetworkPlan(DEFAULT_BRIDGE, host.name(), bridgeSubnet, bip.address(), fixed));
        taken.add(bridgeSubnet);
        Optional<NetworkSpec> customGw = spec.customGatewayBridge(host.name());
        List<NetworkSpec> mine = spec.networks().values().stream()
                .filter(n -> n.host().orElse("").equals(host.name()) && customGw.map(gw -> gw != n).orElse(true)).toList();
        // Explicit subnets first (see class comment), each checked against what is already there.
        for (NetworkSpec n : mine) {
            List<Ipv4Prefix> explicit = new ArrayList<>();
            n.subnet().ifPresent(explicit::add);
            n.morePools().forEach(pool -> explicit.add(pool.subnet()));
            for (Ipv4Prefix subnet : explicit) {
                taken.stream().filter(t -> t.overlaps(subnet)).findFirst().ifPresent(t -> problem(
                        SpecPath.of("networks", n.name(), "subnet"), "network '" + n.name() + "': subnet " + subnet
                                + " overlaps " + t + ", already used on host '" + host.name()
                                + "' (Docker: Pool overlaps with other one on this address space)"));
                taken.add(subnet);
            }
        }
        if (host.swarm().isPresent()) {
            // docker swarm init/join creates docker_gwbridge (enable_icc=false, masquerading) before any user network,
            // unless the admin created one with their own subnet first
            Optional<Ipv4Prefix> pool = customGw.flatMap(NetworkSpec::subnet).or(() -> DEFAULT_POOLS.stream()
                    .filter(p -> taken.stream().noneMatch(p::overlaps) && hostSubnets.stream().noneMatch(p::overlaps)).findFirst());
            pool.ifPresent(p -> {
                taken.add(p);
                Ipv4Address gateway = customGw.flatMap(NetworkSpec::gateway).orElse(p.address(1));
                Ipv4Prefix range = customGw.flatMap(NetworkSpec::ipRange).orElse(p);
                out.put(new AddressPlan.NetworkKey(host.name(), GATEWAY_BRIDGE), new NetworkPlan(GATEWAY_BRIDGE, host.name(), p, gateway, range));
            });
        }
        for (NetworkSpec n : mine) {
            Optional<Ipv4Prefix> subnet = n.subnet().or(() -> {
                Optional<Ipv4Prefix> pool = DEFAULT_POOLS.stream().filter(p -> taken.stream().noneMatch(p::overlaps)
                        && hostSubnets.stream().noneMatch(p::overlaps)).findFirst();
                if (pool.isEmpty()) {
                    problem(SpecPath.of("networks", n.name()), "network '" + n.name() + "': no default address pool is left on host '"
                            + host.name() + "' (Docker: could not find an available, non-overlapping IPv4 address pool); give it a subnet");
                }
                pool.ifPresent(taken::add);
                return pool;
            });
            subnet.ifPresent(s -> {
                Ipv4Address gateway = n.gateway().orElse(s.address(1));
                List<NetworkPlan.Pool> more = n.morePools().stream()
                        .map(pool -> new NetworkPlan.Pool(pool.subnet(), pool.gateway().orElse(pool.subnet().address(1)))).toList();
                out.put(new AddressPlan.NetworkKey(host.name(), n.name()),
                        new NetworkPlan(n.name(), host.name(), s, gateway, n.ipRange().orElse(s), more));
            });
        }
    }

    /**
     * Overlay networks are swarm-scoped: one plan for every node, from the swarm's default address pool (10.0.0.0/8 in
     * /24s); 10.0.0.0/24 is the ingress network's, which docker swarm init creates first.
     */
    private void planOverlays(Map<AddressPlan.NetworkKey, NetworkPlan> out) {
        List<NetworkSpec> overlays = spec.networks().values().stream().filter(NetworkSpec::swarmScoped).toList();
        List<Ipv4Prefix> taken = new ArrayList<>(List.of(Ipv4Prefix.parse("10.0.0.0/24")));
        overlays.forEach(n -> n.subnet().ifPresent(taken::add));
        int next = 1;
        for (NetworkSpec n : overlays) {
            Ipv4Prefix subnet = n.subnet().orElse(null);
            while (subnet == null && next < 65536) {
                Ipv4Prefix candidate = Ipv4Prefix.parse("10." + (next >> 8) + "." + (next & 0xff) + ".0/24");
                next++;
                if (taken.stream().noneMatch(candidate::overlaps)) {
                    subnet = candidate;
                    taken.add(candidate);
                }
            }
            Ipv4Prefix s = subnet;
            out.put(new AddressPlan.NetworkKey(AddressPlan.SWARM_SCOPE, n.name()),
                    new NetworkPlan(n.name(), AddressPlan.SWARM_SCOPE, s, n.gateway().orElse(s.address(1)), n.ipRange().orElse(s)));
        }
    }

    /** The key of the plan an endpoint of {@code host} on {@code network} takes its address from. */
    private AddressPlan.NetworkKey keyOf(String host, String network) {
        NetworkSpec n = spec.networks().get(network);
        return n != null && n.swarmScoped() ? new AddressPlan.NetworkKey(AddressPlan.SWARM_SCOPE, network)
                : new AddressPlan.NetworkKey(host, network);
    }

    /** A container's endpoints, with the docker_gwbridge one libnetwork adds when it needs it. */
    private List<String> endpointNetworks(ContainerSpec c) {
        List<String> out = new ArrayList<>(c.endpoints().stream().map(EndpointSpec::network).toList());
        if (spec.needsGatewayBridge(c)) {
            out.add(GATEWAY_BRIDGE);
        }
        return out;
    }

    private Map<AddressPlan.EndpointKey, Ipv4Address> planEndpoints(Map<AddressPlan.NetworkKey, NetworkPlan> networks) {
        Map<AddressPlan.EndpointKey, Ipv4Address> out = new LinkedHashMap<>();
        Map<AddressPlan.NetworkKey, Set<Ipv4Address>> used = new HashMap<>();
        for (var e : networks.entrySet()) {
            Set<Ipv4Address> u = new HashSet<>();
            NetworkPlan p = e.getValue();
            for (NetworkPlan.Pool pool : p.pools()) {
                u.add(pool.subnet().network());
                u.add(pool.subnet().broadcast());
                u.add(pool.gateway());
            }
            Optional.ofNullable(spec.networks().get(p.network())).ifPresent(n -> u.addAll(n.auxAddresses().values()));
            used.put(e.getKey(), u);
        }
        Map<AddressPlan.NetworkKey, Map<Ipv4Address, String>> fixedOwners = new HashMap<>();
        // Addresses a running lab already gave out, then fixed addresses.
        for (ContainerSpec c : spec.containers().values()) {
            for (EndpointSpec ep : c.endpoints()) {
                AddressPlan.NetworkKey key = keyOf(c.host(), ep.network());
                previous.endpoint(c.name(), ep.network()).filter(ip -> networks.containsKey(key)).ifPresent(ip -> {
                    fixedOwners.computeIfAbsent(key, k -> new HashMap<>()).put(ip, c.name());
                    used.get(key).add(ip);
                    out.put(new AddressPlan.EndpointKey(c.name(), ep.network()), ip);
                });
            }
        }
        for (ContainerSpec c : spec.containers().values()) {
            for (int i = 0; i < c.endpoints().size(); i++) {
                EndpointSpec ep = c.endpoints().get(i);
                AddressPlan.NetworkKey key = keyOf(c.host(), ep.network());
                NetworkPlan plan = networks.get(key);
                if (plan == null || ep.ip().isEmpty() || out.containsKey(new AddressPlan.EndpointKey(c.name(), ep.network()))) {
                    continue;
                }
                Ipv4Address ip = ep.ip().get();
                SpecPath where = SpecPath.of("containers", c.name(), "networks", ep.network(), "ip");
                if (plan.poolOf(ip).isEmpty()) {
                    problem(where, "container '" + c.name() + "': ip " + ip + " is outside network '" + ep.network()
                            + "' subnet " + plan.subnet() + " (Docker: Invalid address " + ip
                            + ": It does not belong to any of this network's subnets)");
                    continue;
                }
                String owner = fixedOwners.computeIfAbsent(key, k -> new HashMap<>()).putIfAbsent(ip, c.name());
                if (owner != null) {
                    problem(where, "container '" + c.name() + "': ip " + ip + " on network '" + ep.network()
                            + "' is already given to container '" + owner + "'");
                    continue;
                }
                if (used.get(key).contains(ip)) {
                    problem(where, "container '" + c.name() + "': ip " + ip + " is reserved on network '" + ep.network()
                            + "' (" + reservedWhy(plan, ip) + ")");
                    continue;
                }
                used.get(key).add(ip);
                out.put(new AddressPlan.EndpointKey(c.name(), ep.network()), ip);
            }
        }
        swarmEndpoints(networks, used, out);
        for (ContainerSpec c : spec.containers().values()) {
            for (String network : endpointNetworks(c)) {
                AddressPlan.NetworkKey key = keyOf(c.host(), network);
                NetworkPlan plan = networks.get(key);
                EndpointSpec ep = c.endpoints().stream().filter(e -> e.network().equals(network)).findFirst()
                        .orElse(new EndpointSpec(network, Optional.empty(), List.of()));
                if (plan == null || ep.ip().isPresent() || out.containsKey(new AddressPlan.EndpointKey(c.name(), ep.network()))) {
                    continue;
                }
                Set<Ipv4Address> u = used.get(key);
                Optional<Ipv4Address> free = firstFree(plan, u);
                if (free.isEmpty()) {
                    problem(SpecPath.of("containers", c.name(), "networks", ep.network()), "container '" + c.name()
                            + "': no free address left in " + plan.allocationRange() + " of network '" + ep.network() + "'");
                    continue;
                }
                u.add(free.get());
                out.put(new AddressPlan.EndpointKey(c.name(), ep.network()), free.get());
            }
        }
        return out;
    }

    /**
     * What a swarm allocates before tasks and containers get theirs: each node's ingress sandbox on its docker_gwbridge
     * and on the ingress network (in node order, as nodes join), then each VIP-mode service's virtual IP on each of its
     * networks (the ingress network first when it publishes through the routing mesh). Addresses a running lab gave
     * out stay.
     */
    private void swarmEndpoints(Map<AddressPlan.NetworkKey, NetworkPlan> networks, Map<AddressPlan.NetworkKey, Set<Ipv4Address>> used,
                                Map<AddressPlan.EndpointKey, Ipv4Address> out) {
        for (String node : SwarmServices.nodes(spec)) {
            String owner = SwarmServices.sandboxOwner(node);
            allocate(owner, new AddressPlan.NetworkKey(node, GATEWAY_BRIDGE), GATEWAY_BRIDGE, networks, used, out);
            String ingress = SwarmServices.ingressName(spec);
            allocate(owner, new AddressPlan.NetworkKey(AddressPlan.SWARM_SCOPE, ingress), ingress, networks, used, out);
        }
        for (ServiceSpec s : spec.services().values()) {
            if (s.endpointMode() == ServiceSpec.EndpointMode.VIP) {
                List<String> nets = new ArrayList<>();
                if (!s.ingressPorts().isEmpty()) {
                    nets.add(SwarmServices.ingressName(spec));
                }
                nets.addAll(s.networks());
                for (String n : nets) {
                    allocate(SwarmServices.vipOwner(s.name()), new AddressPlan.NetworkKey(AddressPlan.SWARM_SCOPE, n), n, networks, used, out);
                }
            }
            // then its tasks, before the next service's VIP: docker service create allocates both at once
            for (SwarmServices.Task t : SwarmServices.tasksOf(spec, s.name())) {
                ContainerSpec task = spec.containers().get(t.name());
                if (task == null) {
                    continue;
                }
                for (String network : endpointNetworks(task)) {
                    if (!out.containsKey(new AddressPlan.EndpointKey(t.name(), network))) {
                        allocate(t.name(), keyOf(t.node(), network), network, networks, used, out);
                    }
                }
            }
        }
    }

    private void allocate(String owner, AddressPlan.NetworkKey key, String network, Map<AddressPlan.NetworkKey, NetworkPlan> networks,
                          Map<AddressPlan.NetworkKey, Set<Ipv4Address>> used, Map<AddressPlan.EndpointKey, Ipv4Address> out) {
        NetworkPlan plan = networks.get(key);
        if (plan == null) {
            return;
        }
        Optional<Ipv4Address> ip = previous.endpoint(owner, network).filter(a -> !used.get(key).contains(a)).or(() -> firstFree(plan, used.get(key)));
        ip.ifPresent(a -> {
            used.get(key).add(a);
            out.put(new AddressPlan.EndpointKey(owner, network), a);
        });
    }

    /** The first free address of the allocation range, then of each further pool in turn (as IPAM tries its pools). */
    private static Optional<Ipv4Address> firstFree(NetworkPlan plan, Set<Ipv4Address> used) {
        List<Ipv4Prefix> ranges = new ArrayList<>();
        ranges.add(plan.allocationRange());
        plan.morePools().forEach(pool -> ranges.add(pool.subnet()));
        for (Ipv4Prefix range : ranges) {
            for (long i = 0; i < range.size(); i++) {
                Ipv4Address candidate = range.address(i);
                if (plan.poolOf(candidate).isPresent() && !used.contains(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private String reservedWhy(NetworkPlan plan, Ipv4Address ip) {
        if (ip.equals(plan.gateway())) {
            return "it is the gateway";
        }
        if (ip.equals(plan.subnet().network())) {
            return "it is the network address";
        }
        if (ip.equals(plan.subnet().broadcast())) {
            return "it is the broadcast address";
        }
        return "it is an aux address";
    }

    private void problem(SpecPath path, String message) {
        problems.add(new Problem(sources.locate(path), message));
    }
}
