package io.netrig.model.spec;

import io.netrig.model.Problem;
import io.netrig.model.SpecException;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.ipam.AddressPlan;
import io.netrig.model.ipam.DockerIpam;
import io.netrig.model.lower.DockerNames;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.net.LinkName;
import io.netrig.model.topology.Namespace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a spec as a whole (references, addressing, names) and plans its addresses. Collects every problem
 * before failing, each with the file:line:column of the offending value.
 */
public final class SpecValidator {
    /** Names Docker reserves for its predefined networks. */
    static final Set<String> PREDEFINED_NETWORKS = Set.of("bridge", "host", "none");

    /** The VNI of the ingress network that docker swarm init creates; user overlays get the ones after it. */
    static final int OVERLAY_INGRESS_VNI = 4096;

    private final LabSpec spec;
    private final AddressPlan previous;
    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    private SpecValidator(LabSpec spec, AddressPlan previous) {
        this.spec = spec;
        this.previous = previous;
    }

    /**
     * Fills in the spec's implicit parts, validates it and plans its addresses; throws {@link SpecException} with
     * every problem found.
     */
    public static ValidatedLab validate(LabSpec spec) {
        return validate(spec, List.of());
    }

    /**
     * Validates a spec that a reader already found problems in (values it could not read are absent from
     * {@code spec}); fails with those and this validation's problems together, in source order.
     */
    public static ValidatedLab validate(LabSpec spec, List<Problem> readProblems) {
        List<Problem> swarmProblems = new ArrayList<>();
        LabSpec complete = SwarmServices.expand(SpecDefaults.apply(spec), swarmProblems);
        SpecValidator v = new SpecValidator(complete, AddressPlan.EMPTY);
        v.problems.addAll(swarmProblems);
        AddressPlan plan = v.run();
        List<Problem> all = new ArrayList<>(readProblems);
        v.problems.stream().filter(p -> !all.contains(p)).forEach(all::add);
        if (!all.isEmpty()) {
            all.sort(Problem.IN_SOURCE_ORDER);
            throw new SpecException(all);
        }
        v.warnings.sort(Problem.IN_SOURCE_ORDER);
        return new ValidatedLab(complete, plan, v.warnings);
    }

    /**
     * Validates a running lab's spec after a change (see {@link LabEdits}): {@code spec} is already complete (a container
     * disconnected from every network stays without one), and the endpoints of {@code previous} keep their addresses.
     */
    static ValidatedLab revalidate(LabSpec spec, AddressPlan previous) {
        SpecValidator v = new SpecValidator(spec, previous);
        AddressPlan plan = v.run();
        if (!v.problems.isEmpty()) {
            v.problems.sort(Problem.IN_SOURCE_ORDER);
            throw new SpecException(v.problems);
        }
        return new ValidatedLab(spec, plan, v.warnings);
    }

    private AddressPlan run() {
        checkNames();
        checkHosts();
        checkNetworks();
        checkContainers();
        checkCommands();
        AddressPlan plan = DockerIpam.replan(spec, problems, previous);
        checkPorts(plan);
        checkSockets();
        checkExpectations();
        return plan;
    }

    private void problem(SpecPath path, String message) {
        problems.add(new Problem(spec.sources().locate(path), message));
    }

    private void warning(SpecPath path, String message) {
        warnings.add(new Problem(spec.sources().locate(path), message));
    }

    private void checkNames() {
        Map<String, String> owners = new HashMap<>();
        spec.hosts().keySet().forEach(h -> checkNamespaceName("hosts", h, "host", owners));
        spec.containers().keySet().forEach(c -> checkNamespaceName("containers", c, "container", owners));
        for (String seg : spec.segments().keySet()) {
            checkNamespaceName("segments", seg, "segment", new HashMap<>());
        }
    }

    private void checkNamespaceName(String section, String name, String kind, Map<String, String> owners) {
        if (!Namespace.validName(name)) {
            problem(SpecPath.of(section, name), kind + " name '" + name + "' cannot be used: expected letters, digits, '-', '_' or '.', "
                    + "starting with a letter or digit, at most " + Namespace.MAX_NAME_LENGTH + " characters");
        }
        String previous = owners.putIfAbsent(name, kind);
        if (previous != null) {
            problem(SpecPath.of(section, name), kind + " '" + name + "' has the same name as a " + previous
                    + " (hosts and containers share one name space, since probes address them by name)");
        }
    }

    private void checkHosts() {
        Map<String, Map<Ipv4Address, String>> segmentAddresses = new HashMap<>();
        for (HostSpec host : spec.hosts().values()) {
            SpecPath hp = SpecPath.of("hosts", host.name());
            List<Ipv4Prefix> connected = new ArrayList<>();
            for (InterfaceSpec ifc : host.interfaces().values()) {
                SpecPath ip = hp.child("interfaces").child(ifc.name());
                LinkName.problem(ifc.name()).ifPresent(p -> problem(ip, "host '" + host.name() + "': " + p));
                if (host.docker() && (ifc.name().equals("docker0") || ifc.name().startsWith("br-") || ifc.name().startsWith("veth"))) {
                    problem(ip, "host '" + host.name() + "': interface name '" + ifc.name()
                            + "' is taken by Docker on a Docker host (docker0, br-*, veth*); choose another, e.g. eth0 or ens160");
                }
                if (!spec.segments().containsKey(ifc.segment())) {
                    problem(ip.child("segment"), "host '" + host.name() + "' interface '" + ifc.name() + "': segment '"
                            + ifc.segment() + "' is not defined (defined: " + names(spec.segments().keySet()) + ")");
                }
                ifc.address().ifPresent(a -> {
                    connected.add(a.prefix());
                    checkUsableHostAddress(ip.child("address"), host.name() + "' interface '" + ifc.name(), a);
                    String owner = segmentAddresses.computeIfAbsent(ifc.segment(), s -> new HashMap<>())
                            .putIfAbsent(a.address(), host.name() + ":" + ifc.name());
                    if (owner != null) {
                        problem(ip.child("address"), "host '" + host.name() + "' interface '" + ifc.name() + "': address "
                                + a.address() + " is already used on segment '" + ifc.segment() + "' by " + owner);
                    }
                });
            }
            host.swarm().ifPresent(swarm -> {
                List<Ipv4Address> own = host.interfaces().values().stream().flatMap(i -> i.address().stream()).map(a -> a.address()).toList();
                swarm.advertiseAddr().filter(a -> !own.contains(a)).ifPresent(a -> problem(hp.child("swarm"), "host '" + host.name()
                        + "': advertise_addr " + a + " is not an address of its interfaces (it has: " + own + ")"));
                swarm.dataPathAddr().filter(a -> !own.contains(a)).ifPresent(a -> problem(hp.child("swarm"), "host '" + host.name()
                        + "': data_path_addr " + a + " is not an address of its interfaces (it has: " + own + ")"));
                if (host.dataPathAddress().isEmpty()) {
                    problem(hp.child("swarm"), "host '" + host.name() + "': a swarm node needs an interface with an address "
                            + "(its advertise address)");
                }
            });
            if (host.docker()) {
                connected.add(host.daemon().bip().orElse(DockerIpam.DEFAULT_BIP).prefix());
                spec.networks().values().stream().filter(n -> n.host().orElse("").equals(host.name()) && n.driver() == NetworkDriver.BRIDGE)
                        .map(NetworkSpec::subnet).flatMap(Optional::stream).forEach(connected::add);
                host.daemon().bip().ifPresent(bip -> checkUsableHostAddress(hp.child("daemon").child("bip"),
                        host.name() + "' daemon option 'bip", bip));
                host.daemon().defaultGateway().ifPresent(gw -> {
                    Ipv4Prefix bridge = host.daemon().bip().orElse(DockerIpam.DEFAULT_BIP).prefix();
                    if (!bridge.contains(gw)) {
                        problem(hp.child("daemon").child("default_gateway"), "host '" + host.name() + "': default-gateway " + gw
                                + " is not inside the default bridge subnet " + bridge + " (Docker: auxiliary address: "
                                + "(DefaultGatewayIPv4:" + gw + ") must belong to the master pool: " + bridge + ")");
                    }
                });
                host.daemon().fixedCidr().ifPresent(fc -> {
                    Ipv4Prefix bridge = host.daemon().bip().orElse(DockerIpam.DEFAULT_BIP).prefix();
                    if (!bridge.contains(fc)) {
                        problem(hp.child("daemon").child("fixed_cidr"), "host '" + host.name() + "': fixed-cidr " + fc
                                + " is not inside the default bridge subnet " + bridge);
                    }
                });
            }
            for (int i = 0; i < host.routes().size(); i++) {
                RouteSpec r = host.routes().get(i);
                SpecPath rp = hp.child("routes").child(i);
                r.dev().ifPresent(dev -> {
                    if (!host.interfaces().containsKey(dev)) {
                        problem(rp.child("dev"), "host '" + host.name() + "': route to " + r.to() + " uses device '" + dev
                                + "', which is not an interface of the host (it has: " + names(host.interfaces().keySet()) + ")");
                    }
                });
                r.via().ifPresent(via -> {
                    if (connected.stream().noneMatch(p -> p.contains(via))) {
                        problem(rp.child("via"), "host '" + host.name() + "': route to " + r.to() + " via " + via
                                + " is not reachable: " + via + " is on no subnet of the host's interfaces ("
                                + connected.stream().map(Ipv4Prefix::toString).collect(Collectors.joining(", "))
                                + "); Linux refuses it with 'Nexthop has invalid gateway'");
                    }
                });
                if (r.via().isEmpty() && r.dev().isEmpty()) {
                    problem(rp, "host '" + host.name() + "': route to " + r.to() + " needs 'via' or 'dev'");
                }
            }
        }
    }

    private void checkUsableHostAddress(SpecPath path, String what, Ipv4Interface a) {
        Ipv4Prefix p = a.prefix();
        if (p.length() < 31 && (a.address().equals(p.network()) || a.address().equals(p.broadcast()))) {
            problem(path, "'" + what + "': " + a + " is the " + (a.address().equals(p.network()) ? "network" : "broadcast")
                    + " address of " + p + ", not a usable host address");
        }
    }

    private List<String> dockerHosts() {
        return spec.hosts().values().stream().filter(HostSpec::docker).map(HostSpec::name).toList();
    }

    private void checkNetworks() {
        for (NetworkSpec n : spec.networks().values()) {
            SpecPath np = SpecPath.of("networks", n.name());
            if (PREDEFINED_NETWORKS.contains(n.name())) {
                problem(np, "network name '" + n.name() + "' is predefined by Docker (bridge, host, none); choose another name");
            }
            if (!n.driver().lowered()) {
                problem(np.child("driver"), "network '" + n.name() + "': driver '" + n.driver().dockerName()
                        + "' is not supported yet (supported: bridge, macvlan, ipvlan, overlay)");
            }
            if (n.childOfParent()) {
                checkChildNetwork(n, np);
            } else if (n.parent().isPresent()) {
                problem(np.child("parent"), "network '" + n.name() + "': 'parent' applies to macvlan and ipvlan networks only (driver is "
                        + n.driver().dockerName() + ")");
            }
            String host = n.host().orElse("");
            if (n.swarmScoped()) {
                checkOverlay(n, np);
            } else if (host.isEmpty()) {
                problem(np, "network '" + n.name() + "': say which Docker host it lives on with 'host:' (Docker hosts: "
                        + names(dockerHosts()) + ")");
            } else if (!spec.hosts().containsKey(host)) {
                problem(np.child("host"), "network '" + n.name() + "': host '" + host + "' is not defined (Docker hosts: "
                        + names(dockerHosts()) + ")");
            } else if (!spec.hosts().get(host).docker()) {
                problem(np.child("host"), "network '" + n.name() + "': host '" + host + "' is not a Docker host (docker: false)");
            }
            n.bridgeName().ifPresent(b -> LinkName.problem(b).ifPresent(p -> problem(np.child("options"),
                    "network '" + n.name() + "': bridge name: " + p)));
            n.mtu().ifPresent(m -> {
                if (m < 68 || m > 65535) {
                    problem(np.child("options"), "network '" + n.name() + "': mtu " + m + " is outside 68-65535");
                }
            });
            if (!n.morePools().isEmpty() && !n.childOfParent()) {
                problem(np.child("subnet"), "network '" + n.name() + "': " + n.driver().dockerName()
                        + " driver doesn't support multiple subnets");
            }
            for (NetworkSpec.Pool pool : n.morePools()) {
                pool.gateway().filter(gw -> gw.equals(pool.subnet().network()) || gw.equals(pool.subnet().broadcast()))
                        .ifPresent(gw -> problem(np.child("gateway"), "network '" + n.name() + "': gateway " + gw + " is the "
                                + (gw.equals(pool.subnet().network()) ? "network" : "broadcast") + " address of " + pool.subnet()));
            }
            n.subnet().ifPresentOrElse(subnet -> checkSubnetParts(n, np, subnet), () -> {
                if (n.gateway().isPresent() || n.ipRange().isPresent() || !n.auxAddresses().isEmpty()) {
                    problem(np, "network '" + n.name() + "': gateway, ip_range and aux_addresses need a subnet "
                            + "(Docker: an explicit subnet must accompany them)");
                }
            });
        }
        Map<String, String> bridgeNames = new HashMap<>();
        for (NetworkSpec n : spec.networks().values()) {
            n.bridgeName().ifPresent(b -> {
                String key = n.host().orElse("") + "|" + b;
                String prev = bridgeNames.putIfAbsent(key, n.name());
                if (prev != null || b.equals("docker0")) {
                    problem(SpecPath.of("networks", n.name(), "options"), "network '" + n.name() + "': bridge name '" + b
                            + "' is already used on host '" + n.host().orElse("") + "' by " + (prev == null ? "the default bridge" : "network '" + prev + "'"));
                }
            });
        }
    }

    /**
     * A macvlan or ipvlan network: its parent is a host interface, an 802.1q sub-interface {@code IF.VLAN} of one (which
     * the network creates, as libnetwork's createVlanLink does, with Docker's wording for bad names), or absent (and for
     * an internal network ignored): then the network gets a dummy parent and is an island. One parent serves one network.
     */
    private void checkChildNetwork(NetworkSpec n, SpecPath np) {
        String hostName = n.host().orElse("");
        HostSpec host = spec.hosts().get(hostName);
        if (n.internal()) {
            return;
        }
        n.parent().ifPresent(parent -> {
            SpecPath pp = np.child("parent");
            if (parent.equals("lo")) {
                problem(pp, "network '" + n.name() + "': loopback interface is not a valid " + n.driver().dockerName() + " parent link");
            } else if (host != null && !host.interfaces().containsKey(parent)) {
                checkVlanParent(n, pp, parent, host);
            }
            spec.networks().values().stream().takeWhile(other -> other != n)
                    .filter(other -> other.childOfParent() && !other.internal() && other.host().equals(n.host())
                            && other.parent().equals(n.parent()))
                    .findFirst().ifPresent(other -> problem(pp, "network '" + n.name() + "': parent '" + parent
                            + "' is already used by " + other.driver().dockerName() + " network '" + other.name()
                            + "' (Docker: network " + (other.driver() == NetworkDriver.MACVLAN ? "dm-" : "di-")
                            + DockerNames.networkId(other.host().orElse(""), other.name()).substring(0, 12)
                            + " is already using parent interface " + parent + ")"));
        });
    }

    /** A parent that is not one of the host's interfaces must name a VLAN of one: {@code ens160.50}. */
    private void checkVlanParent(NetworkSpec n, SpecPath pp, String parent, HostSpec host) {
        String subject = "network '" + n.name() + "': parent '" + parent + "'";
        int dot = parent.lastIndexOf('.');
        if (dot < 0) {
            problem(pp, subject + " is not an interface of host '" + host.name() + "' (it has: " + names(host.interfaces().keySet())
                    + ") nor a VLAN of one (Docker: invalid subinterface vlan name " + parent + ", example formatting is eth0.10)");
            return;
        }
        String base = parent.substring(0, dot);
        String vid = parent.substring(dot + 1);
        if (base.isEmpty() || vid.isEmpty() || !vid.chars().allMatch(Character::isDigit) || vid.length() > 5) {
            problem(pp, subject + ": a VLAN parent is written INTERFACE.VLAN_ID (Docker: required interface name format is: "
                    + "name.vlan_id, ex. eth0.10 for vlan 10, instead received " + parent + ")");
            return;
        }
        int id = Integer.parseInt(vid);
        if (id < 1 || id > 4094) {
            problem(pp, subject + ": vlan id must be between 1-4094, received: " + id);
        }
        if (!host.interfaces().containsKey(base)) {
            problem(pp, subject + ": failed to find master interface " + base + " on the Docker host '" + host.name()
                    + "' (it has: " + names(host.interfaces().keySet()) + ")");
        }
    }

    /** An overlay network: swarm-scoped (no host), created on a manager, its VNI not taken by another. */
    private void checkOverlay(NetworkSpec n, SpecPath np) {
        n.host().filter(h -> !h.isEmpty()).ifPresent(h -> problem(np.child("host"), "network '" + n.name()
                + "': an overlay network is swarm-scoped: it lives on every swarm node that uses it, not on host '" + h + "'"));
        if (spec.hosts().values().stream().noneMatch(h -> h.swarm().map(s -> s.role() == SwarmSpec.Role.MANAGER).orElse(false))) {
            problem(np.child("driver"), "network '" + n.name() + "': This node is not a swarm manager. Use \"docker swarm init\" or "
                    + "\"docker swarm join\" to connect this node to swarm and try again. (give a host swarm: manager)");
        }
        n.overlay().vni().ifPresent(vni -> {
            if (vni <= OVERLAY_INGRESS_VNI && !n.overlay().ingress()) {
                problem(np.child("options"), "network '" + n.name() + "': VNI " + vni + " is taken by the ingress network or below "
                        + "Docker's range (expected " + (OVERLAY_INGRESS_VNI + 1) + "-16777215)");
            }
            spec.networks().values().stream().takeWhile(other -> other != n)
                    .filter(other -> other.overlay().vni().equals(n.overlay().vni())).findFirst()
                    .ifPresent(other -> problem(np.child("options"), "network '" + n.name() + "': VNI " + vni
                            + " is already used by network '" + other.name() + "'"));
        });
    }

    private void checkSubnetParts(NetworkSpec n, SpecPath np, Ipv4Prefix subnet) {
        if (subnet.length() > 30) {
            problem(np.child("subnet"), "network '" + n.name() + "': subnet " + subnet + " is too small (a bridge network needs /30 or larger)");
        }
        n.gateway().ifPresent(gw -> {
            if (!subnet.contains(gw)) {
                problem(np.child("gateway"), "network '" + n.name() + "': gateway " + gw + " is outside its subnet " + subnet);
            } else if (gw.equals(subnet.network()) || gw.equals(subnet.broadcast())) {
                problem(np.child("gateway"), "network '" + n.name() + "': gateway " + gw + " is the "
                        + (gw.equals(subnet.network()) ? "network" : "broadcast") + " address of " + subnet);
            }
        });
        n.ipRange().ifPresent(r -> {
            if (!subnet.contains(r)) {
                problem(np.child("ip_range"), "network '" + n.name() + "': ip_range " + r + " is not inside its subnet " + subnet);
            }
        });
        n.auxAddresses().forEach((name, ip) -> {
            if (!subnet.contains(ip)) {
                problem(np.child("aux_addresses").child(name), "network '" + n.name() + "': aux address '" + name + "' " + ip
                        + " is outside its subnet " + subnet);
            }
        });
    }

    private void checkContainers() {
        for (ContainerSpec c : spec.containers().values()) {
            SpecPath cp = SpecPath.of("containers", c.name());
            if (c.host().isEmpty()) {
                problem(cp, "container '" + c.name() + "': say which Docker host runs it with 'host:' (Docker hosts: "
                        + names(dockerHosts()) + ")");
                continue;
            }
            HostSpec host = spec.hosts().get(c.host());
            if (host == null) {
                problem(cp.child("host"), "container '" + c.name() + "': host '" + c.host() + "' is not defined (Docker hosts: "
                        + names(dockerHosts()) + ")");
                continue;
            }
            if (!host.docker()) {
                problem(cp.child("host"), "container '" + c.name() + "': host '" + c.host() + "' is not a Docker host (docker: false)");
                continue;
            }
            checkNetworkMode(c, cp);
            checkLinks(c, cp);
            Set<String> seen = new HashSet<>();
            for (EndpointSpec ep : c.endpoints()) {
                SpecPath ep0 = cp.child("networks").child(ep.network());
                if (!seen.add(ep.network())) {
                    problem(ep0, "container '" + c.name() + "' is attached to network '" + ep.network() + "' twice");
                }
                if (ep.network().equals(DockerIpam.DEFAULT_BRIDGE)) {
                    ep.ip().ifPresent(ip -> problem(ep0.child("ip"), "container '" + c.name()
                            + "': a fixed ip is not possible on the default bridge (Docker: user specified IP address is "
                            + "supported on user defined networks only)"));
                    continue;
                }
                NetworkSpec n = spec.networks().get(ep.network());
                if (n == null) {
                    problem(ep0, "container '" + c.name() + "': network '" + ep.network() + "' is not defined (networks: "
                            + names(spec.networks().keySet()) + ", or the default 'bridge')");
                    continue;
                }
                if (n.swarmScoped()) {
                    if (host.swarm().isEmpty()) {
                        problem(ep0, "container '" + c.name() + "': host '" + c.host() + "' is not a swarm node, so overlay network '"
                                + n.name() + "' does not exist there (Docker: network " + n.name() + " not found; give the host swarm:)");
                    } else if (!n.overlay().attachable() && SwarmServices.serviceOf(spec, c.name()).isEmpty()) {
                        problem(ep0, "container '" + c.name() + "': Could not attach to network " + n.name()
                                + ": rpc error: code = PermissionDenied desc = network " + n.name()
                                + " not manually attachable (give the network attachable: true)");
                    }
                } else if (!n.host().orElse("").equals(c.host()) && !n.host().orElse("").isEmpty()) {
                    problem(ep0, "container '" + c.name() + "' runs on host '" + c.host() + "' but network '" + n.name()
                            + "' lives on host '" + n.host().get() + "' (a " + n.driver().dockerName() + " network is local to one host)");
                }
                if (ep.ip().isPresent() && n.subnet().isEmpty()) {
                    problem(ep0.child("ip"), "container '" + c.name() + "': a fixed ip needs network '" + n.name()
                            + "' to have a subnet (Docker: user specified IP address is supported only when connecting to "
                            + "networks with user configured subnets)");
                }
                for (String alias : ep.aliases()) {
                    if (!Namespace.validName(alias)) {
                        problem(ep0.child("aliases"), "container '" + c.name() + "': alias '" + alias + "' is not a usable name");
                    }
                }
            }
        }
    }

    /**
     * Literal host commands: the host exists, and each command names interfaces that exist by then (the host's NICs,
     * what dockerd made, what earlier commands added) and creates none twice.
     */
    private void checkCommands() {
        spec.commands().forEach((hostName, commands) -> {
            HostSpec host = spec.hosts().get(hostName);
            if (host == null) {
                problem(SpecPath.of("commands", hostName), "commands for host '" + hostName + "': no such host (hosts: "
                        + names(spec.hosts().keySet()) + ")");
                return;
            }
            Set<String> links = new HashSet<>(host.interfaces().keySet());
            links.add("lo");
            if (host.docker()) {
                links.add(DockerNames.DEFAULT_BRIDGE_DEVICE);
                for (NetworkSpec n : spec.networks().values()) {
                    if (n.host().orElse("").equals(hostName)) {
                        if (n.driver() == NetworkDriver.BRIDGE) {
                            links.add(n.bridgeName().orElseGet(() -> DockerNames.bridge(hostName, n.name())));
                        }
                        n.parent().filter(p -> n.childOfParent() && !n.internal()).ifPresent(links::add);
                    }
                }
            }
            for (HostCommand c : commands) {
                String subject = "host '" + hostName + "': " + c.text() + ": ";
                switch (c) {
                    case HostCommand.AddMacvlan m -> created(links, m.name(), m.parent(), c, subject);
                    case HostCommand.AddVlan v -> created(links, v.name(), v.parent(), c, subject);
                    case HostCommand.AddDummy d -> created(links, d.name(), null, c, subject);
                    case HostCommand.SetUp u -> exists(links, u.name(), c, subject);
                    case HostCommand.AddAddress a -> exists(links, a.dev(), c, subject);
                    case HostCommand.AddRoute r -> r.dev().ifPresent(dev -> exists(links, dev, c, subject));
                    case HostCommand.SetSysctl x -> { }
                    case HostCommand.Iptables i -> { } // checked against the host's chains when they are built
                }
            }
        });
    }

    private void created(Set<String> links, String name, String parent, HostCommand c, String subject) {
        LinkName.problem(name).ifPresent(p -> problem(c.path(), subject + p));
        if (parent != null) {
            exists(links, parent, c, subject);
        }
        if (!links.add(name)) {
            problem(c.path(), subject + "RTNETLINK answers: File exists (interface " + name + " exists already)");
        }
    }

    private void exists(Set<String> links, String name, HostCommand c, String subject) {
        if (!links.contains(name)) {
            problem(c.path(), subject + "Cannot find device \"" + name + "\" (the host has: " + names(links) + ")");
        }
    }

    /** {@code --link}: to a container on the same host's default bridge, from one on the default bridge. */
    private void checkLinks(ContainerSpec c, SpecPath cp) {
        SpecPath lp = cp.child("links");
        boolean onDefaultBridge = c.mode() instanceof NetworkMode.Attached
                && c.endpoints().stream().allMatch(ep -> ep.network().equals(DockerIpam.DEFAULT_BRIDGE));
        if (!c.links().isEmpty() && !onDefaultBridge) {
            problem(lp, "container '" + c.name() + "': links are supported on the default bridge only (on a user-defined "
                    + "network a link is a DNS alias, which netrig does not model yet; use the network's aliases)");
            return;
        }
        for (ContainerLink link : c.links()) {
            ContainerSpec target = spec.containers().get(link.container());
            if (!Namespace.validName(link.alias())) {
                problem(lp, "container '" + c.name() + "': link alias '" + link.alias() + "' is not a usable name");
            }
            if (link.container().equals(c.name())) {
                problem(lp, "container '" + c.name() + "': a container cannot link to itself");
            } else if (target == null) {
                problem(lp, "container '" + c.name() + "': could not get container for " + link.container()
                        + ": No such container: " + link.container());
            } else if (!target.host().equals(c.host())) {
                problem(lp, "container '" + c.name() + "': cannot link to '" + link.container() + "', which runs on host '"
                        + target.host() + "' (links are local to one Docker host)");
            } else if (!(target.mode() instanceof NetworkMode.Attached)
                    || target.endpoints().stream().noneMatch(ep -> ep.network().equals(DockerIpam.DEFAULT_BRIDGE))) {
                problem(lp, "container '" + c.name() + "': Cannot link to /" + link.container()
                        + ", as it does not belong to the default network");
            }
        }
    }

    private void checkNetworkMode(ContainerSpec c, SpecPath cp) {
        switch (c.mode()) {
            case NetworkMode.Host h -> {
                if (!c.ports().isEmpty()) {
                    warning(cp.child("ports"), "container '" + c.name() + "': Published ports are discarded when using host network mode");
                }
            }
            case NetworkMode.None n -> {
                if (!c.ports().isEmpty()) {
                    warning(cp.child("ports"), "container '" + c.name() + "': published ports are discarded: with network_mode "
                            + "none the container has no network to publish them from");
                }
            }
            case NetworkMode.Container(String other) -> {
                SpecPath mp = cp.child("network_mode");
                if (!c.ports().isEmpty()) {
                    problem(cp.child("ports"), "container '" + c.name() + "': conflicting options: port publishing and the "
                            + "container type network mode");
                }
                if (other.equals(c.name())) {
                    problem(mp, "container '" + c.name() + "': cannot join own network");
                    return;
                }
                ContainerSpec target = spec.containers().get(other);
                if (target == null) {
                    problem(mp, "container '" + c.name() + "': No such container: " + other + " (containers: "
                            + names(spec.containers().keySet()) + ")");
                    return;
                }
                if (!target.host().equals(c.host())) {
                    problem(mp, "container '" + c.name() + "' on host '" + c.host() + "' shares the network of '" + other
                            + "', which runs on host '" + target.host() + "' (a network namespace is local to one host)");
                }
                List<String> chain = new ArrayList<>(List.of(c.name()));
                ContainerSpec next = target;
                while (next != null) {
                    if (chain.contains(next.name())) {
                        chain.add(next.name());
                        problem(mp, "container '" + c.name() + "': network_mode container chain " + String.join(" -> ", chain)
                                + " is a cycle");
                        return;
                    }
                    chain.add(next.name());
                    next = next.mode() instanceof NetworkMode.Container(String o) ? spec.containers().get(o) : null;
                }
            }
            case NetworkMode.Attached a -> {
            }
        }
    }

    /**
     * Published ports as dockerd allocates them: a host port is taken per protocol and host address (0.0.0.0 takes
     * it on every address); with the userland proxy on, a specific host address must be one of the host's.
     */
    private void checkPorts(AddressPlan plan) {
        Map<String, List<Binding>> taken = new HashMap<>();
        for (ContainerSpec c : spec.containers().values()) {
            HostSpec host = spec.hosts().get(c.host());
            if (host == null || !(c.mode() instanceof NetworkMode.Attached) || c.ports().isEmpty()) {
                continue;
            }
            SpecPath pp = SpecPath.of("containers", c.name(), "ports");
            Optional<Publication> publication = spec.publication(c);
            if (publication.isEmpty()) {
                spec.gatewayEndpoint(c).flatMap(spec::networkOf).ifPresent(n -> warning(pp, "container '" + c.name()
                        + "': ports are not published: its gateway network '" + n.name() + "' is "
                        + (n.internal() ? "internal (Docker programs no external connectivity there)"
                        : n.driver().dockerName() + " (Docker publishes ports on bridge networks only)")));
                continue;
            }
            Set<Ipv4Address> local = hostAddresses(host, plan);
            for (PortSpec p : publication.get().bindings()) {
                if (p.hostPort().isEmpty()) {
                    continue;
                }
                Binding b = new Binding(p.protocol(), p.hostIp().orElseThrow(), p.hostPort().getAsInt(), "container '" + c.name() + "'", true);
                if (host.daemon().userlandProxy() && !b.ip().equals(Ipv4Address.ANY) && !local.contains(b.ip())
                        && !LOOPBACK.contains(b.ip())) {
                    problem(pp, "container '" + c.name() + "': Error starting userland proxy: listen " + b.text() + ": bind: "
                            + "cannot assign requested address (" + b.ip() + " is not an address of host '" + host.name() + "')");
                }
                List<Binding> onHost = taken.computeIfAbsent(c.host(), h -> new ArrayList<>());
                onHost.stream().filter(b::clashes).findFirst().ifPresent(other -> problem(pp, "container '" + c.name()
                        + "': Bind for " + b.ip() + ":" + b.port() + " failed: port is already allocated (by " + other.owner() + ")"));
                onHost.add(b);
            }
        }
    }

    private static final Ipv4Prefix LOOPBACK = Ipv4Prefix.parse("127.0.0.0/8");

    private static Set<Ipv4Address> hostAddresses(HostSpec host, AddressPlan plan) {
        Set<Ipv4Address> out = new HashSet<>();
        host.interfaces().values().forEach(i -> i.address().ifPresent(a -> out.add(a.address())));
        out.add(host.daemon().bip().orElse(DockerIpam.DEFAULT_BIP).address());
        plan.networks().values().stream().filter(n -> n.host().equals(host.name())).forEach(n -> out.add(n.gateway()));
        return out;
    }

    /**
     * A port taken on a host or in a namespace, {@code proto ip:port}, and who holds it; {@code published} marks a
     * docker-proxy (or dockerd's port allocation) for a published port.
     */
    private record Binding(IpProtocol proto, Ipv4Address ip, int port, String owner, boolean published) {
        boolean clashes(Binding other) {
            return proto == other.proto && port == other.port
                    && (ip.equals(other.ip) || ip.equals(Ipv4Address.ANY) || other.ip.equals(Ipv4Address.ANY));
        }

        /** As the failing call would name it: docker-proxy's {@code tcp4 IP:PORT}, an application's {@code PORT/tcp}. */
        String text() {
            return published ? proto.iptablesName() + "4 " + ip + ":" + port : port + "/" + proto.iptablesName();
        }
    }

    /**
     * Sockets in one namespace cannot share a port: a host's own {@code listen}, the containers running in its
     * namespace (host mode) and, with the userland proxy, docker-proxy's published ports; a container's {@code listen}
     * and those of the containers sharing its namespace. Two published ports clashing are checkPorts' to report.
     */
    private void checkSockets() {
        Map<String, List<Binding>> byNamespace = new HashMap<>();
        for (HostSpec host : spec.hosts().values()) {
            SpecPath where = SpecPath.of("hosts", host.name(), "listen");
            host.swarm().ifPresent(swarm -> {
                // dockerd's swarm sockets come first: they exist from docker swarm init/join on
                if (swarm.role() == SwarmSpec.Role.MANAGER) {
                    bind(byNamespace, host.name(), new Binding(IpProtocol.TCP, Ipv4Address.ANY, 2377, "dockerd (swarm management)", false), where);
                }
                bind(byNamespace, host.name(), new Binding(IpProtocol.TCP, Ipv4Address.ANY, 7946, "dockerd (swarm gossip)", false), where);
                bind(byNamespace, host.name(), new Binding(IpProtocol.UDP, Ipv4Address.ANY, 7946, "dockerd (swarm gossip)", false), where);
            });
            host.listen().forEach(l -> bind(byNamespace, host.name(), listener(l, "host '" + host.name() + "'"), where));
        }
        for (ContainerSpec c : spec.containers().values()) {
            SpecPath where = SpecPath.of("containers", c.name(), "listen");
            c.listening().forEach(l -> bind(byNamespace, spec.namespaceOf(c), listener(l, "container '" + c.name() + "'"), where));
            HostSpec host = spec.hosts().get(c.host());
            if (host != null && host.daemon().userlandProxy()) {
                for (PortSpec p : spec.publication(c).map(Publication::bindings).orElse(List.of())) {
                    p.hostPort().ifPresent(port -> bind(byNamespace, host.name(), new Binding(p.protocol(), p.hostIp().orElseThrow(),
                            port, "docker-proxy for container '" + c.name() + "'", true), SpecPath.of("containers", c.name(), "ports")));
                }
            }
        }
    }

    private static Binding listener(ListenSpec l, String owner) {
        return new Binding(l.protocol(), Ipv4Address.ANY, l.port(), owner, false);
    }

    private void bind(Map<String, List<Binding>> byNamespace, String ns, Binding b, SpecPath where) {
        List<Binding> taken = byNamespace.computeIfAbsent(ns, k -> new ArrayList<>());
        taken.stream().filter(t -> t.clashes(b) && !(t.published() && b.published())).findFirst()
                .ifPresent(t -> problem(where, b.owner() + ": listen " + b.text() + ": bind: address already in use (taken by "
                        + t.owner() + " in the same network namespace)"));
        taken.add(b);
    }

    private void checkExpectations() {
        Set<String> probeable = new HashSet<>(spec.hosts().keySet());
        probeable.addAll(spec.containers().keySet());
        for (ExpectSpec e : spec.expect()) {
            ProbeSpec p = e.probe();
            String kind = p.kind();
            if (!probeable.contains(p.from())) {
                problem(e.path().child(kind).child("from"), kind + " from '" + p.from()
                        + "': no host or container has that name (known: " + names(probeable) + ")");
            }
            if (p instanceof ProbeSpec.LookupSpec l) {
                if (!validDnsName(l.name())) {
                    problem(e.path().child(kind).child("name"), "lookup of '" + l.name() + "': expected a DNS name "
                            + "(labels of letters, digits and '-', '_', each 1-63 characters, separated by dots)");
                }
            } else if (serviceName(p.to()).isPresent()) {
                ServiceSpec s = serviceName(p.to()).get();
                ContainerSpec sender = spec.containers().get(p.from());
                if (sender == null || sender.endpoints().stream().noneMatch(ep -> s.networks().contains(ep.network()))) {
                    problem(e.path().child(kind).child("to"), kind + " to '" + p.to() + "': '" + s.name() + "' is a swarm service, "
                            + "and only a container on one of its networks (" + String.join(", ", s.networks()) + ") resolves it; '"
                            + p.from() + "' is not");
                }
            } else if (!probeable.contains(p.to()) && Ipv4Address.tryParse(p.to()).isEmpty()) {
                problem(e.path().child(kind).child("to"), kind + " to '" + p.to()
                        + "': expected a host or container name, a swarm service (or tasks.SERVICE) or an IPv4 address (known names: "
                        + names(probeable) + ")");
            }
        }
    }

    /** The service a probe target names: the service's own name, or {@code tasks.<service>}. */
    private Optional<ServiceSpec> serviceName(String target) {
        String name = target.startsWith("tasks.") ? target.substring("tasks.".length()) : target;
        return spec.containers().containsKey(target) || spec.hosts().containsKey(target) ? Optional.empty()
                : Optional.ofNullable(spec.services().get(name));
    }

    /** A name the resolvers can be asked for: dot-separated labels of 1-63 letters, digits, '-' or '_' (a final dot allowed). */
    static boolean validDnsName(String name) {
        String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return !bare.isEmpty() && bare.length() <= 253 && java.util.Arrays.stream(bare.split("\\.", -1))
                .allMatch(label -> label.matches("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?"));
    }

    private static String names(java.util.Collection<String> names) {
        return names.isEmpty() ? "none" : names.stream().sorted().collect(Collectors.joining(", "));
    }
}
