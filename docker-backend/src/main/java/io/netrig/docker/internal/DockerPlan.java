package io.netrig.docker.internal;

import io.netrig.model.UnsupportedFeatureException;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.spec.ContainerLink;
import io.netrig.model.spec.ContainerSpec;
import io.netrig.model.spec.EndpointSpec;
import io.netrig.model.spec.HostCommand;
import io.netrig.model.spec.HostSpec;
import io.netrig.model.spec.InterfaceSpec;
import io.netrig.model.spec.LabSpec;
import io.netrig.model.spec.ListenSpec;
import io.netrig.model.spec.NetworkDriver;
import io.netrig.model.spec.NetworkMode;
import io.netrig.model.spec.NetworkSpec;
import io.netrig.model.spec.PortSpec;
import io.netrig.model.spec.SpecPath;
import io.netrig.model.spec.ValidatedLab;
import io.netrig.model.topology.MacvlanMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a docker lab asks the engine and the machine for, worked out from the spec before anything is made: the
 * Docker host's NICs (veths in the machine's namespace, the macvlan parents), the networks, the containers, and the
 * Docker host's literal commands. Refuses, all at once and by spec element, what a single real Docker host cannot
 * run here. A pure value: {@code DockerPlanTest} checks it without an engine.
 */
public record DockerPlan(String dockerHost, List<RootInterface> interfaces, List<NetworkRequest> networks,
                         List<ContainerRequest> containers, List<RootChange> commands) {
    /**
     * Docker's embedded DNS forwards names it does not know, and containers on the default bridge ask the machine's
     * own nameservers: both would leave the machine. Every container gets this resolver instead (a port nothing listens
     * on, so such lookups fail at once, as the lowering's lab without upstream resolvers fails them).
     */
    public static final String NO_UPSTREAM_DNS = "127.0.0.1";

    public DockerPlan {
        Objects.requireNonNull(dockerHost, "dockerHost");
        interfaces = List.copyOf(interfaces);
        networks = List.copyOf(networks);
        containers = List.copyOf(containers);
        commands = List.copyOf(commands);
    }

    /** A NIC of the Docker host: a veth whose {@code name} end stays in the machine's namespace, the other on the segment. */
    public record RootInterface(String specName, String name, String segment, Optional<Ipv4Interface> address, OptionalInt mtu) {
        public RootInterface {
            Objects.requireNonNull(specName, "specName");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(segment, "segment");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(mtu, "mtu");
        }
    }

    /** {@code docker network create}: the options map holds Docker's own option keys. */
    public record NetworkRequest(String specName, String name, NetworkDriver driver, Optional<Ipv4Prefix> subnet,
                                 Optional<Ipv4Address> gateway, Optional<Ipv4Prefix> ipRange, Map<String, Ipv4Address> auxAddresses,
                                 boolean internal, Map<String, String> options) {
        public NetworkRequest {
            Objects.requireNonNull(specName, "specName");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(driver, "driver");
            Objects.requireNonNull(subnet, "subnet");
            Objects.requireNonNull(gateway, "gateway");
            Objects.requireNonNull(ipRange, "ipRange");
            auxAddresses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(auxAddresses));
            options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }
    }

    /** One network a container joins: {@code network} is the engine's name ({@code bridge} for the default bridge). */
    public record EndpointRequest(String specNetwork, String network, Optional<Ipv4Address> ip, List<String> aliases) {
        public EndpointRequest {
            Objects.requireNonNull(specNetwork, "specNetwork");
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(ip, "ip");
            aliases = List.copyOf(aliases);
        }
    }

    /** How a container is networked: attached to networks (the first at create, the others connected in order), none, or another's. */
    public sealed interface Networking {
        record Attached(List<EndpointRequest> endpoints) implements Networking {
            public Attached {
                endpoints = List.copyOf(endpoints);
                if (endpoints.isEmpty()) {
                    throw new IllegalArgumentException("an attached container has at least one endpoint");
                }
            }
        }

        record None() implements Networking {
        }

        /** {@code --network container:NAME}, NAME being the engine's container name. */
        record SharedWith(String container) implements Networking {
            public SharedWith {
                Objects.requireNonNull(container, "container");
            }
        }
    }

    /** {@code docker run} of netrig's probe image, with the TCP ports its application listens on. */
    public record ContainerRequest(String specName, String name, Networking networking, List<PortSpec> ports,
                                   List<ListenSpec> exposed, Map<String, String> links, List<Integer> tcpListeners) {
        public ContainerRequest {
            Objects.requireNonNull(specName, "specName");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(networking, "networking");
            ports = List.copyOf(ports);
            exposed = List.copyOf(exposed);
            links = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(links));
            tcpListeners = List.copyOf(tcpListeners);
        }
    }

    /** A literal command of the Docker host, with the lab's names for its interfaces. */
    public sealed interface RootChange {
        String text();

        record AddMacvlan(String text, String name, String parent, MacvlanMode mode) implements RootChange {
        }

        record AddAddress(String text, String dev, Ipv4Interface address) implements RootChange {
        }

        record AddRoute(String text, Ipv4Prefix to, Optional<Ipv4Address> via, Optional<String> dev,
                        Optional<Ipv4Address> src, int metric) implements RootChange {
        }

        /** {@code ip link set NAME up}. */
        record SetUp(String text, String name) implements RootChange {
        }
    }

    /** Works the plan out, or throws {@link UnsupportedFeatureException} listing every part this backend cannot run. */
    public static DockerPlan of(ValidatedLab lab, LabNames names) {
        return new Planner(lab, names).plan();
    }

    private static final class Planner {
        private final LabSpec spec;
        private final ValidatedLab lab;
        private final LabNames names;
        private final List<String> refusals = new ArrayList<>();
        private final Map<String, String> linkNames = new LinkedHashMap<>();
        private String firstFeature;

        Planner(ValidatedLab lab, LabNames names) {
            this.lab = lab;
            this.spec = lab.spec();
            this.names = names;
        }

        DockerPlan plan() {
            List<HostSpec> dockerHosts = spec.hosts().values().stream().filter(HostSpec::docker).toList();
            if (dockerHosts.size() != 1) {
                refuse("several Docker hosts", SpecPath.of("hosts"), "the docker backend runs one Docker host (this machine's dockerd), the lab has "
                        + dockerHosts.size() + ": " + dockerHosts.stream().map(HostSpec::name).toList()
                        + " (several daemons in their own namespaces may come later)");
                throw refused();
            }
            HostSpec host = dockerHosts.getFirst();
            checkHost(host);
            List<RootInterface> nics = new ArrayList<>();
            int i = 0;
            for (InterfaceSpec nic : host.interfaces().values()) {
                String name = names.hostInterface(i++);
                linkNames.put(nic.name(), name);
                nics.add(new RootInterface(nic.name(), name, nic.segment(), nic.address(), nic.mtu()));
                if (nic.mac().isPresent()) {
                    refuse("interface MAC", SpecPath.of("hosts", host.name(), "interfaces", nic.name(), "mac"),
                            "the docker backend does not set the MAC of the Docker host's interface " + nic.name());
                }
            }
            List<NetworkRequest> networks = new ArrayList<>();
            int bridges = 0;
            for (NetworkSpec n : spec.networks().values()) {
                networks.add(network(n, bridges));
                if (n.bridgeName().isPresent()) {
                    bridges++;
                }
            }
            List<ContainerRequest> containers = spec.containers().values().stream().map(this::container).toList();
            List<RootChange> commands = commands(host);
            if (!refusals.isEmpty()) {
                throw refused();
            }
            return new DockerPlan(host.name(), nics, networks, containers, commands);
        }

        private void checkHost(HostSpec host) {
            SpecPath at = SpecPath.of("hosts", host.name());
            if (host.swarm().isPresent()) {
                refuse("swarm", at.child("swarm"), "the docker backend does not run swarm mode on the machine's dockerd");
            }
            if (!host.routes().isEmpty()) {
                refuse("Docker host routes", at.child("routes"), "the Docker host is this machine's own namespace, whose routes the docker backend "
                        + "does not change (a lab never routes the machine's traffic)");
            }
            if (!host.listen().isEmpty()) {
                refuse("Docker host listeners", at.child("listen"), "an application listening in the machine's own namespace would listen on "
                        + "its real interfaces; the docker backend runs none");
            }
        }

        private NetworkRequest network(NetworkSpec n, int bridgeIndex) {
            SpecPath at = SpecPath.of("networks", n.name());
            Map<String, String> options = new LinkedHashMap<>();
            switch (n.driver()) {
                case BRIDGE -> {
                    n.bridgeName().ifPresent(b -> options.put("com.docker.network.bridge.name", names.bridge(bridgeIndex)));
                    if (!n.enableIcc()) {
                        options.put("com.docker.network.bridge.enable_icc", "false");
                    }
                    if (!n.enableIpMasquerade()) {
                        options.put("com.docker.network.bridge.enable_ip_masquerade", "false");
                    }
                    n.hostBindingIpv4().ifPresent(a -> options.put("com.docker.network.bridge.host_binding_ipv4", a.toString()));
                }
                case MACVLAN -> {
                    if (n.parent().isEmpty() || n.internal()) {
                        refuse("dummy", at.child(n.parent().isEmpty() ? "driver" : "internal"), "a macvlan network without a parent (or internal) "
                                + "hangs on a dummy interface, and this kernel has no dummy links");
                    } else if (n.parentVlanId().isPresent()) {
                        refuse("802.1q vlan", at.child("parent"), "parent '" + n.parent().get() + "' is an 802.1q sub-interface, and this kernel has no vlan links");
                    } else if (!linkNames.containsKey(n.parent().get())) {
                        refuse("macvlan parent", at.child("parent"), "parent '" + n.parent().get() + "' is not an interface of the Docker host (it has: "
                                + String.join(", ", linkNames.keySet()) + ")");
                    } else {
                        options.put("parent", linkNames.get(n.parent().get()));
                    }
                    options.put("macvlan_mode", n.macvlanMode().name().toLowerCase(java.util.Locale.ROOT));
                }
                case IPVLAN -> refuse("ipvlan", at.child("driver"), "this kernel has no ipvlan links");
                case OVERLAY -> refuse("overlay", at.child("driver"), "overlay networks need swarm mode across several daemons; "
                        + "the docker backend runs single-host labs");
                case HOST, NONE -> refuse(n.driver().dockerName(), at.child("driver"), "Docker has exactly one '" + n.driver().dockerName() + "' network");
            }
            n.mtu().ifPresent(m -> options.put("com.docker.network.driver.mtu", Integer.toString(m)));
            if (!n.morePools().isEmpty()) {
                refuse("several subnets", at.child("subnet"), "the docker backend creates networks with one subnet");
            }
            // The machine's dockerd already has networks of its own: a subnet the spec leaves to Docker's IPAM is
            // pinned to the one netrig's IPAM chose, so the lab gets the addresses its lowering (and probes) use.
            Optional<Ipv4Prefix> subnet = n.subnet().or(() -> lab.addresses().network(n.host().orElse(""), n.name()).map(p -> p.subnet()));
            return new NetworkRequest(n.name(), names.network(n.name()), n.driver(), subnet, n.gateway(), n.ipRange(), n.auxAddresses(),
                    n.internal(), options);
        }

        private ContainerRequest container(ContainerSpec c) {
            SpecPath at = SpecPath.of("containers", c.name());
            Networking networking = switch (c.mode()) {
                case NetworkMode.Attached() -> new Networking.Attached(endpoints(c));
                case NetworkMode.None() -> new Networking.None();
                case NetworkMode.Container(String other) -> new Networking.SharedWith(names.container(other));
                case NetworkMode.Host() -> {
                    refuse("host network mode", at.child("network_mode"), "a container in host network mode would run in the machine's own namespace");
                    yield new Networking.None();
                }
            };
            List<Integer> tcp = new ArrayList<>();
            for (ListenSpec l : c.listening()) {
                if (l.protocol() == IpProtocol.TCP) {
                    tcp.add(l.port());
                } else {
                    refuse("udp listener", at.child("listen"), "the probe image (Debian's busybox-static) has no UDP server: cannot listen on " + l);
                }
            }
            Map<String, String> links = new LinkedHashMap<>();
            for (ContainerLink link : c.links()) {
                links.put(names.container(link.container()), link.alias());
            }
            return new ContainerRequest(c.name(), names.container(c.name()), networking, c.ports(), c.expose(), links, tcp);
        }

        private List<EndpointRequest> endpoints(ContainerSpec c) {
            if (c.endpoints().isEmpty()) {
                return List.of(new EndpointRequest("bridge", "bridge", Optional.empty(), List.of()));
            }
            return c.endpoints().stream().map(ep -> {
                boolean userDefined = spec.networks().containsKey(ep.network());
                List<String> aliases = new ArrayList<>(ep.aliases());
                if (userDefined) {
                    // the engine knows the container as <id>-NAME; the spec's users know it as NAME
                    aliases.addFirst(c.name());
                }
                return new EndpointRequest(ep.network(), userDefined ? names.network(ep.network()) : ep.network(), ep.ip(), aliases);
            }).toList();
        }

        private List<RootChange> commands(HostSpec host) {
            List<RootChange> out = new ArrayList<>();
            int made = 0;
            for (HostCommand cmd : spec.commands().getOrDefault(host.name(), List.of())) {
                switch (cmd) {
                    case HostCommand.AddMacvlan(String text, SpecPath path, String name, String parent, MacvlanMode mode) -> {
                        String real = names.commandLink(made++);
                        linkNames.put(name, real);
                        out.add(new RootChange.AddMacvlan(text, real, link(parent, path), mode));
                    }
                    case HostCommand.SetUp(String text, SpecPath path, String name) -> out.add(new RootChange.SetUp(text, link(name, path)));
                    case HostCommand.AddAddress(String text, SpecPath path, Ipv4Interface address, String dev) ->
                            out.add(new RootChange.AddAddress(text, link(dev, path), address));
                    case HostCommand.AddRoute(String text, SpecPath path, Ipv4Prefix to, Optional<Ipv4Address> via, Optional<String> dev,
                                              Optional<Ipv4Address> src, int metric) -> {
                        if (to.length() == 0) {
                            refuse("default route", path, "'" + text + "' would change the machine's default route");
                        }
                        out.add(new RootChange.AddRoute(text, to, via, dev.map(d -> link(d, path)), src, metric));
                    }
                    case HostCommand.AddVlan v -> refuse("802.1q vlan", v.path(), "'" + v.text() + "': this kernel has no vlan links");
                    case HostCommand.AddDummy d -> refuse("dummy", d.path(), "'" + d.text() + "': this kernel has no dummy links");
                    case HostCommand.SetSysctl s -> refuse("Docker host sysctl", s.path(), "'" + s.text()
                            + "' would change the machine's own namespace, which the docker backend does not do");
                    case HostCommand.Iptables t -> refuse("Docker host iptables", t.path(), "'" + t.text()
                            + "' would change the machine's own firewall, which the docker backend does not do");
                }
            }
            return out;
        }

        private String link(String specName, SpecPath path) {
            String real = linkNames.get(specName);
            if (real == null) {
                refuse("interface", path, "interface '" + specName + "' is neither a NIC of the Docker host nor one its commands add");
                return specName;
            }
            return real;
        }

        private void refuse(String feature, SpecPath path, String message) {
            if (firstFeature == null) {
                firstFeature = feature;
            }
            refusals.add(spec.sources().locate(path) + ": " + path + ": " + message);
        }

        private UnsupportedFeatureException refused() {
            return new UnsupportedFeatureException(firstFeature, "the docker backend cannot run lab '" + spec.name() + "':\n  "
                    + String.join("\n  ", refusals));
        }
    }
}
