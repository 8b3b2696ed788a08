package io.netrig.model.spec;

import io.netrig.model.Problem;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.topology.IpvlanMode;
import io.netrig.model.topology.MacvlanMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Swarm services as a swarm manager turns them into tasks, and the {@code ingress} network that {@code docker swarm
 * init} creates: pure functions of the spec, so that validation, IPAM and lowering agree.
 * <ul>
 *   <li>every lab with a swarm node has the overlay network {@value #INGRESS} (10.0.0.0/24, gateway 10.0.0.1, VNI
 *       4096), with an ingress sandbox on every node;</li>
 *   <li>a replicated service's task {@code <service>.<slot>} goes to the eligible node with the fewest of its tasks,
 *       ties broken by the order of the hosts in the spec (the spread strategy, made deterministic); a global service
 *       runs one task {@code <service>.<node>} per eligible node;</li>
 *   <li>a task is a container on its node attached to {@value #INGRESS} first when the service publishes ports through
 *       the routing mesh, then to the service's networks, listening on the ports the service's application does.</li>
 * </ul>
 */
public final class SwarmServices {
    public static final String INGRESS = "ingress";
    public static final Ipv4Prefix INGRESS_SUBNET = Ipv4Prefix.parse("10.0.0.0/24");
    public static final int INGRESS_VNI = 4096;
    /** The namespace Docker names {@code ingress_sbox} on every node; netrig puts the node's name in front. */
    public static final String INGRESS_SANDBOX = "ingress_sbox";

    private SwarmServices() {
    }

    /** One task of a service, on one node. */
    public record Task(String service, String name, String node) {
    }

    /** The swarm nodes of the lab, in spec order. */
    public static List<String> nodes(LabSpec spec) {
        return spec.hosts().values().stream().filter(h -> h.docker() && h.swarm().isPresent()).map(HostSpec::name).toList();
    }

    /** Where each task of each service runs, services in spec order, tasks in slot order. */
    public static List<Task> tasks(LabSpec spec) {
        List<String> nodes = nodes(spec);
        List<Task> out = new ArrayList<>();
        for (ServiceSpec s : spec.services().values()) {
            List<String> eligible = s.placement().isEmpty() ? nodes : nodes.stream().filter(s.placement()::contains).toList();
            if (eligible.isEmpty()) {
                continue;
            }
            if (s.global()) {
                eligible.forEach(node -> out.add(new Task(s.name(), s.name() + "." + node, node)));
            } else {
                for (int slot = 1; slot <= s.replicas(); slot++) {
                    out.add(new Task(s.name(), s.name() + "." + slot, eligible.get((slot - 1) % eligible.size())));
                }
            }
        }
        return out;
    }

    /** The tasks of one service. */
    public static List<Task> tasksOf(LabSpec spec, String service) {
        return tasks(spec).stream().filter(t -> t.service().equals(service)).toList();
    }

    /** The service a container is a task of, if it is one. */
    public static Optional<ServiceSpec> serviceOf(LabSpec spec, String container) {
        return tasks(spec).stream().filter(t -> t.name().equals(container)).findFirst().map(t -> spec.services().get(t.service()));
    }

    /** The services attached to {@code network} (the ingress network: those publishing through the routing mesh). */
    public static List<ServiceSpec> servicesOn(LabSpec spec, String network) {
        String ingress = ingressName(spec);
        return spec.services().values().stream().filter(s -> network.equals(ingress) ? !s.ingressPorts().isEmpty()
                : s.networks().contains(network)).toList();
    }

    /**
     * The name of the swarm's ingress network: the spec's network with {@code ingress: true} (a custom ingress, as
     * {@code docker network create --ingress} makes it after the default one was removed), else {@value #INGRESS}.
     */
    public static String ingressName(LabSpec spec) {
        return spec.networks().values().stream().filter(n -> n.swarmScoped() && n.overlay().ingress()).map(NetworkSpec::name)
                .findFirst().orElse(INGRESS);
    }

    /** The key IPAM gives the ingress sandbox of {@code node} (not a container name: '@' is not allowed in one). */
    public static String sandboxOwner(String node) {
        return "ingress-sbox@" + node;
    }

    /** The key IPAM gives the virtual IP of {@code service}. */
    public static String vipOwner(String service) {
        return "vip@" + service;
    }

    /** The namespace of the ingress sandbox of {@code node}. */
    public static String sandboxNamespace(String node) {
        return node + "." + INGRESS_SANDBOX;
    }

    /**
     * The spec with its implicit swarm parts: the ingress network when any host is a swarm node, and the tasks of its
     * services as containers, ahead of the containers the spec lists (a service is created before the standalone
     * containers that join its networks, so its addresses come first). Problems with the services are added to
     * {@code problems}; a spec without swarm nodes or services comes back unchanged.
     */
    static LabSpec expand(LabSpec spec, List<Problem> problems) {
        check(spec, problems);
        if (nodes(spec).isEmpty()) {
            return spec;
        }
        Map<String, NetworkSpec> networks = new LinkedHashMap<>();
        Optional<NetworkSpec> custom = spec.networks().values().stream().filter(n -> n.swarmScoped() && n.overlay().ingress()).findFirst();
        if (custom.isEmpty()) {
            networks.put(INGRESS, ingressNetwork());
        }
        spec.networks().forEach((name, n) -> networks.put(name, n.overlay().ingress() && n.overlay().vni().isEmpty()
                // the ingress network takes the swarm's first VNI, whichever network it is
                ? n.withOverlay(n.overlay().withVni(INGRESS_VNI)) : n));
        String ingress = custom.map(NetworkSpec::name).orElse(INGRESS);
        Map<String, ContainerSpec> containers = new LinkedHashMap<>();
        for (Task t : tasks(spec)) {
            ServiceSpec s = spec.services().get(t.service());
            List<EndpointSpec> endpoints = new ArrayList<>();
            if (!s.ingressPorts().isEmpty()) {
                endpoints.add(new EndpointSpec(ingress, Optional.empty(), List.of()));
            }
            s.networks().stream().filter(networks::containsKey)
                    .forEach(n -> endpoints.add(new EndpointSpec(n, Optional.empty(), List.of())));
            List<PortSpec> hostPorts = s.ports().stream().filter(p -> p.mode() == ServiceSpec.PublishMode.HOST)
                    .map(p -> new PortSpec(Optional.empty(), OptionalInt.of(p.published()), p.target(), p.protocol())).toList();
            containers.put(t.name(), new ContainerSpec(t.name(), t.node(), endpoints, NetworkMode.ATTACHED, hostPorts,
                    Optional.of(s.listening())));
        }
        spec.containers().forEach(containers::putIfAbsent);
        return spec.withNetworksAndContainers(networks, containers);
    }

    /** The ingress network as docker swarm init creates it. */
    static NetworkSpec ingressNetwork() {
        return new NetworkSpec(INGRESS, NetworkDriver.OVERLAY, Optional.empty(), Optional.of(INGRESS_SUBNET),
                Optional.of(INGRESS_SUBNET.address(1)), Optional.empty(), Map.of(), false, Optional.empty(), true, true,
                OptionalInt.empty(), Optional.empty(), MacvlanMode.BRIDGE, Optional.<Ipv4Address>empty(), IpvlanMode.L2, List.of(),
                new OverlayOptions(false, OptionalInt.of(INGRESS_VNI), true));
    }

    private static void check(LabSpec spec, List<Problem> problems) {
        List<String> nodes = nodes(spec);
        List<NetworkSpec> ingresses = spec.networks().values().stream().filter(n -> n.overlay().ingress()).toList();
        if (spec.networks().containsKey(INGRESS) && !spec.networks().get(INGRESS).overlay().ingress()) {
            problems.add(new Problem(spec.sources().locate(SpecPath.of("networks", INGRESS)), "network 'ingress' is the swarm's "
                    + "routing-mesh network, created by docker swarm init (Docker: network with name ingress already exists); "
                    + "choose another name, or make it the ingress network with ingress: true"));
        }
        for (NetworkSpec n : ingresses) {
            SpecPath np = SpecPath.of("networks", n.name(), "ingress");
            if (!n.swarmScoped()) {
                problems.add(new Problem(spec.sources().locate(np), "network '" + n.name() + "': only an overlay network can be the "
                        + "ingress network (give it driver: overlay)"));
            } else if (n.overlay().attachable()) {
                problems.add(new Problem(spec.sources().locate(np), "network '" + n.name() + "': the ingress network cannot be "
                        + "attachable (standalone containers never join it)"));
            }
        }
        if (ingresses.size() > 1) {
            problems.add(new Problem(spec.sources().locate(SpecPath.of("networks", ingresses.get(1).name(), "ingress")),
                    "network '" + ingresses.get(1).name() + "': a swarm has one ingress network, and '" + ingresses.get(0).name()
                            + "' already is (Docker: ingress network already present)"));
        }
        for (ServiceSpec s : spec.services().values()) {
            SpecPath sp = SpecPath.of("services", s.name());
            String subject = "service '" + s.name() + "'";
            if (nodes.stream().noneMatch(n -> spec.hosts().get(n).swarm().map(w -> w.role() == SwarmSpec.Role.MANAGER).orElse(false))) {
                problems.add(new Problem(spec.sources().locate(sp), subject + ": This node is not a swarm manager. Use \"docker swarm "
                        + "init\" or \"docker swarm join\" to connect this node to swarm and try again. (give a host swarm: manager)"));
                continue;
            }
            for (String n : s.networks()) {
                NetworkSpec net = spec.networks().get(n);
                SpecPath np = sp.child("networks").child(n);
                if (net == null) {
                    problems.add(new Problem(spec.sources().locate(np), subject + ": network '" + n + "' is not defined (Docker: network "
                            + n + " not found)"));
                } else if (!net.swarmScoped()) {
                    problems.add(new Problem(spec.sources().locate(np), subject + ": network '" + n + "' is a " + net.driver().dockerName()
                            + " network, but services attach to overlay networks only (Docker: The network " + n
                            + " cannot be used with services. Only networks scoped to the swarm can be used, such as those created "
                            + "with the overlay driver.)"));
                }
            }
            for (String node : s.placement()) {
                if (!nodes.contains(node)) {
                    problems.add(new Problem(spec.sources().locate(sp.child("placement")), subject + ": placement node '" + node
                            + "' is not a swarm node (swarm nodes: " + (nodes.isEmpty() ? "none" : String.join(", ", nodes)) + ")"));
                }
            }
            if (s.endpointMode() == ServiceSpec.EndpointMode.DNSRR && !s.ingressPorts().isEmpty()) {
                problems.add(new Problem(spec.sources().locate(sp.child("endpoint_mode")), subject + ": port published with ingress "
                        + "mode can't be used with dnsrr mode (Docker's words; publish with mode=host instead)"));
            }
            List<String> published = new ArrayList<>();
            for (ServiceSpec.ServicePort p : s.ports()) {
                String key = p.published() + "/" + p.protocol().iptablesName();
                if (published.contains(key)) {
                    problems.add(new Problem(spec.sources().locate(sp.child("ports")), subject + ": port " + key
                            + " is published twice"));
                }
                published.add(key);
            }
            for (Task t : tasksOf(spec, s.name())) {
                if (spec.containers().containsKey(t.name())) {
                    problems.add(new Problem(spec.sources().locate(SpecPath.of("containers", t.name())), "container '" + t.name()
                            + "' has the name of a task of " + subject + "; choose another name"));
                }
            }
        }
        Map<String, String> ingressOwners = new LinkedHashMap<>();
        for (ServiceSpec s : spec.services().values()) {
            for (ServiceSpec.ServicePort p : s.ingressPorts()) {
                String key = p.published() + "/" + p.protocol().iptablesName();
                String owner = ingressOwners.putIfAbsent(key, s.name());
                if (owner != null && !owner.equals(s.name())) {
                    problems.add(new Problem(spec.sources().locate(SpecPath.of("services", s.name(), "ports")), "service '" + s.name()
                            + "': port '" + p.published() + "' is already in use by service '" + owner + "' as an ingress port"));
                }
            }
        }
    }
}
