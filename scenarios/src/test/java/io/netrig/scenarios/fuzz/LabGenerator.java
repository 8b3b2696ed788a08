package io.netrig.scenarios.fuzz;

import io.netrig.model.lower.Lowering;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.spec.ProbeSpec;
import io.netrig.model.spec.ValidatedLab;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Draws a small random lab from a seed: the same seed always gives the same spec and probes (the generator algorithm
 * is fixed, L64X128MixRandom). Only kinds both backends run on this machine are drawn (no ipvlan, 802.1q or dummy
 * links, which the kernel here lacks): 1–2 Docker hosts and 0–2 plain machines on 1–2 LAN segments, static routes
 * (as {@code routes:} or as literal {@code ip route add} commands), forwarding on or off (also by {@code sysctl -w}),
 * the default bridge with daemon options, user bridges with their options, macvlan networks in bridge, private or vepa
 * mode (one per parent), containers on one or two networks with published and listening ports. At most
 * {@value #MAX_NAMESPACES} namespaces (segments' switches included), so a lab runs in about a second on the kernel.
 *
 * <p>Addresses are planned so that a draw is valid by construction: segment {@code lanN} is 10.N.0.0/24 (machines
 * from .1, Docker hosts from .10), user bridges 172.20+k.0.0/24, a changed bip 192.168.10+h.1/24, and each host's
 * macvlan endpoints take their own /28 of the LAN (from .128) so two hosts never hand out one address.
 */
final class LabGenerator {
    static final String ALGORITHM = "L64X128MixRandom";
    static final int MAX_NAMESPACES = 8;
    /** Transport probes beyond the all-pairs pings, at most (keeps the kernel's serial re-runs short). */
    static final int MAX_TRANSPORT_PROBES = 24;

    private static final List<String> CONTAINER_PORTS = List.of("80", "443", "53/udp", "5000/udp");
    private static final List<String> LISTEN_PORTS = List.of("80", "443", "53/udp", "9000", "9001/udp");
    private static final List<String> MACVLAN_MODES = List.of("bridge", "private", "vepa");

    /** A machine of the lab while it is drawn. */
    private static final class Node {
        final String name;
        final boolean docker;
        final int index;
        final Map<String, Integer> nics = new LinkedHashMap<>();   // interface name → segment number
        final List<String> bridgeSubnets = new ArrayList<>();      // docker0's and user bridges' subnets
        final List<String> networks = new ArrayList<>();           // networks containers may join (default bridge first)
        final List<Integer> listen = new ArrayList<>();
        final List<String> listenProtos = new ArrayList<>();
        int nextHostPort = 8000;

        Node(String name, boolean docker, int index) {
            this.name = name;
            this.docker = docker;
            this.index = index;
        }

        String address(int segment) {
            return "10." + segment + ".0." + (docker ? 10 + index : 1 + index);
        }

        boolean on(int segment) {
            return nics.containsValue(segment);
        }
    }

    /** A draw the validator refused: a generator bug. The message lists every problem, file:line:col. */
    static final class InvalidDraw extends RuntimeException {
        private final transient String yaml;

        InvalidDraw(long seed, String yaml, RuntimeException cause) {
            super("seed " + seed + " drew an invalid spec: " + cause.getMessage(), cause);
            this.yaml = yaml;
        }

        String yaml() {
            return yaml;
        }
    }

    /** Where a probe can find something listening. */
    private record Listener(String target, int port, boolean udp) {
    }

    FuzzLab generate(long seed) {
        RandomGenerator r = RandomGeneratorFactory.of(ALGORITHM).create(seed);
        int segments = 1 + r.nextInt(2);
        int dockerHosts = 1 + r.nextInt(2);
        int machines = r.nextInt(3);
        int room = MAX_NAMESPACES - segments - dockerHosts - machines;
        int containerCount = 1 + r.nextInt(Math.max(1, room));

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", "fuzz-" + seed);
        Map<String, Object> segs = new LinkedHashMap<>();
        for (int s = 1; s <= segments; s++) {
            segs.put("lan" + s, new LinkedHashMap<>());
        }
        root.put("segments", segs);

        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < dockerHosts; i++) {
            nodes.add(new Node("d" + (i + 1), true, i));
        }
        for (int i = 0; i < machines; i++) {
            nodes.add(new Node("m" + (i + 1), false, i));
        }
        for (Node n : nodes) {
            int home = 1 + r.nextInt(segments);
            n.nics.put("eth0", home);
            if (segments == 2 && r.nextDouble() < (n.docker ? 0.3 : 0.5)) {
                n.nics.put("eth1", 3 - home);
            }
        }

        Map<String, Object> networks = new LinkedHashMap<>();
        int bridgeCount = 0;
        for (Node n : nodes.stream().filter(n -> n.docker).toList()) {
            n.networks.add("bridge");
            n.bridgeSubnets.add("172.17.0.0/16");
            int userBridges = r.nextInt(3);
            for (int b = 0; b < userBridges; b++) {
                String name = "b" + (++bridgeCount);
                String subnet = "172." + (19 + bridgeCount) + ".0.0/24";
                Map<String, Object> net = new LinkedHashMap<>();
                net.put("host", n.name);
                net.put("subnet", subnet);
                if (r.nextDouble() < 0.2) {
                    net.put("internal", true);
                }
                Map<String, Object> options = new LinkedHashMap<>();
                if (r.nextDouble() < 0.25) {
                    options.put("com.docker.network.bridge.enable_icc", "false");
                }
                if (r.nextDouble() < 0.2) {
                    options.put("com.docker.network.bridge.enable_ip_masquerade", "false");
                }
                if (!options.isEmpty()) {
                    net.put("options", options);
                }
                networks.put(name, net);
                n.networks.add(name);
                n.bridgeSubnets.add(subnet);
            }
            for (var nic : n.nics.entrySet()) {
                if (r.nextDouble() < 0.35) {
                    int seg = nic.getValue();
                    String name = "mv" + n.index + nic.getKey().substring(3);
                    Map<String, Object> net = new LinkedHashMap<>();
                    net.put("driver", "macvlan");
                    net.put("host", n.name);
                    net.put("parent", nic.getKey());
                    net.put("subnet", "10." + seg + ".0.0/24");
                    net.put("gateway", "10." + seg + ".0.1");
                    net.put("ip_range", "10." + seg + ".0." + (128 + 16 * (2 * n.index + (nic.getKey().equals("eth0") ? 0 : 1)) % 128) + "/28");
                    String mode = MACVLAN_MODES.get(r.nextInt(MACVLAN_MODES.size()));
                    if (!mode.equals("bridge") || r.nextBoolean()) {
                        net.put("macvlan_mode", mode);
                    }
                    networks.put(name, net);
                    n.networks.add(name);
                }
            }
        }

        Map<String, Object> hosts = new LinkedHashMap<>();
        Map<String, List<Object>> commands = new LinkedHashMap<>();
        for (Node n : nodes) {
            Map<String, Object> h = new LinkedHashMap<>();
            if (!n.docker) {
                h.put("docker", false);
            }
            Map<String, Object> nics = new LinkedHashMap<>();
            n.nics.forEach((nic, seg) -> nics.put(nic, map("segment", "lan" + seg, "address", n.address(seg) + "/24")));
            h.put("interfaces", nics);
            if (n.docker) {
                Map<String, Object> daemon = new LinkedHashMap<>();
                if (r.nextDouble() < 0.5) {
                    String bip = "192.168." + (10 + n.index) + ".1/24";
                    daemon.put("bip", bip);
                    n.bridgeSubnets.set(0, "192.168." + (10 + n.index) + ".0/24");
                }
                if (r.nextDouble() < 0.3) {
                    daemon.put("icc", false);
                }
                if (r.nextDouble() < 0.2) {
                    daemon.put("ip_masquerade", false);
                }
                if (r.nextDouble() < 0.3) {
                    daemon.put("userland_proxy", false);
                }
                if (!daemon.isEmpty()) {
                    h.put("daemon", daemon);
                }
                if (r.nextDouble() < 0.1) {
                    h.put("forwarding", false);
                }
            } else if (n.nics.size() == 2 ? r.nextDouble() < 0.8 : r.nextDouble() < 0.2) {
                h.put("forwarding", true);
            }
            if (r.nextDouble() < 0.3) {
                List<Object> listen = new ArrayList<>();
                if (r.nextBoolean()) {
                    listen.add(7000);
                    n.listen.add(7000);
                    n.listenProtos.add("tcp");
                }
                if (listen.isEmpty() || r.nextBoolean()) {
                    listen.add("7001/udp");
                    n.listen.add(7001);
                    n.listenProtos.add("udp");
                }
                h.put("listen", listen);
            }
            hosts.put(n.name, h);
        }
        // Routes: to a segment the machine is not on, through a machine or host on both; to another Docker host's
        // bridges through its LAN address; now and then a default route. Each as `routes:` or as `ip route add`.
        for (Node n : nodes) {
            Map<String, String> routes = new LinkedHashMap<>();   // prefix → gateway
            for (int s = 1; s <= segments; s++) {
                if (n.on(s)) {
                    continue;
                }
                int target = s;
                List<Node> gateways = nodes.stream().filter(g -> g != n && g.on(target) && g.nics.values().stream().anyMatch(n::on)).toList();
                if (!gateways.isEmpty() && r.nextDouble() < 0.7) {
                    Node g = gateways.get(r.nextInt(gateways.size()));
                    routes.put("10." + s + ".0.0/24", g.address(shared(n, g)));
                }
            }
            for (Node d : nodes) {
                if (d == n || !d.docker || d.nics.values().stream().noneMatch(n::on)) {
                    continue;
                }
                for (String subnet : d.bridgeSubnets) {
                    if (!n.bridgeSubnets.contains(subnet) && !routes.containsKey(subnet) && r.nextDouble() < 0.4) {
                        routes.put(subnet, d.address(shared(n, d)));
                    }
                }
            }
            if (r.nextDouble() < 0.2) {
                List<Node> gateways = nodes.stream().filter(g -> g != n && g.nics.values().stream().anyMatch(n::on)).toList();
                if (!gateways.isEmpty()) {
                    Node g = gateways.get(r.nextInt(gateways.size()));
                    routes.put("default", g.address(shared(n, g)));
                }
            }
            List<Object> asRoutes = new ArrayList<>();
            List<Object> asCommands = new ArrayList<>();
            routes.forEach((to, via) -> {
                if (r.nextDouble() < 0.65) {
                    asRoutes.add(map("to", to, "via", via));
                } else {
                    asCommands.add("ip route add " + to + " via " + via);
                }
            });
            if (r.nextDouble() < 0.1) {
                asCommands.add("sysctl -w net.ipv4.ip_forward=" + (r.nextBoolean() ? 1 : 0));
            }
            if (!asRoutes.isEmpty()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> h = (Map<String, Object>) hosts.get(n.name);
                h.put("routes", asRoutes);
            }
            if (!asCommands.isEmpty()) {
                commands.put(n.name, asCommands);
            }
        }
        root.put("hosts", hosts);
        if (!networks.isEmpty()) {
            root.put("networks", networks);
        }

        List<Node> dockers = nodes.stream().filter(n -> n.docker).toList();
        Map<String, Object> containers = new LinkedHashMap<>();
        List<Listener> listeners = new ArrayList<>();
        for (int c = 1; c <= containerCount; c++) {
            String name = "c" + c;
            Node host = dockers.get(r.nextInt(dockers.size()));
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("host", host.name);
            List<String> joined = new ArrayList<>();
            joined.add(host.networks.get(r.nextInt(host.networks.size())));
            if (host.networks.size() > 1 && r.nextDouble() < 0.3) {
                List<String> rest = host.networks.stream().filter(x -> !joined.contains(x)).toList();
                joined.add(rest.get(r.nextInt(rest.size())));
            }
            if (!joined.equals(List.of("bridge"))) {
                if (r.nextDouble() < 0.25 && joined.stream().anyMatch(x -> x.startsWith("b") && !x.equals("bridge"))) {
                    Map<String, Object> eps = new LinkedHashMap<>();
                    for (String net : joined) {
                        if (net.startsWith("b") && !net.equals("bridge")) {
                            String subnet = host.bridgeSubnets.get(host.networks.indexOf(net));
                            String prefix = subnet.substring(0, subnet.lastIndexOf('.'));
                            eps.put(net, map("ip", prefix + "." + (100 + c)));
                        } else {
                            eps.put(net, map());
                        }
                    }
                    spec.put("networks", eps);
                } else {
                    spec.put("networks", new ArrayList<>(joined));
                }
            }
            Set<String> containerListens = new LinkedHashSet<>();
            if (r.nextDouble() < 0.4) {
                List<Object> ports = new ArrayList<>();
                int count = 1 + r.nextInt(2);
                List<String> choices = new ArrayList<>(CONTAINER_PORTS);
                for (int p = 0; p < count; p++) {
                    String cport = choices.remove(r.nextInt(choices.size()));
                    int hostPort = host.nextHostPort++;
                    ports.add(hostPort + ":" + cport);
                    listeners.add(new Listener(host.name, hostPort, cport.endsWith("/udp")));
                    containerListens.add(cport);
                }
                spec.put("ports", ports);
            }
            if (r.nextDouble() < 0.35) {
                List<String> choices = new ArrayList<>(LISTEN_PORTS);
                List<Object> listen = new ArrayList<>();
                int count = 1 + r.nextInt(2);
                containerListens.clear();
                for (int p = 0; p < count; p++) {
                    String port = choices.remove(r.nextInt(choices.size()));
                    listen.add(port.contains("/") ? port : (Object) Integer.parseInt(port));
                    containerListens.add(port);
                }
                spec.put("listen", listen);
            }
            for (String l : containerListens) {
                listeners.add(new Listener(name, Integer.parseInt(l.replace("/udp", "")), l.endsWith("/udp")));
            }
            containers.put(name, spec);
        }
        root.put("containers", containers);
        if (!commands.isEmpty()) {
            root.put("commands", new LinkedHashMap<>(commands));
        }
        for (Node n : nodes) {
            for (int i = 0; i < n.listen.size(); i++) {
                listeners.add(new Listener(n.name, n.listen.get(i), n.listenProtos.get(i).equals("udp")));
            }
        }

        SpecTree tree = new SpecTree(root);
        Topology topology;
        try {
            topology = lower(tree.yaml(), "fuzz-" + seed + ".yaml");
        } catch (io.netrig.model.NetrigException invalid) {
            throw new InvalidDraw(seed, tree.yaml(), invalid);
        }
        List<String> names = new ArrayList<>(nodes.stream().map(n -> n.name).toList());
        names.addAll(containers.keySet());
        return new FuzzLab(seed, tree, probes(r, names, listeners, topology));
    }

    /** A mapping in the order its keys and values are given. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    /** A segment both machines are on (the caller knows there is one). */
    private static int shared(Node a, Node b) {
        return a.nics.values().stream().filter(b::on).findFirst().orElseThrow();
    }

    /**
     * Ping between every ordered pair; a ping to each further address of a multi-homed machine or container; tcp and
     * udp to listeners (and published ports) from a few senders, and one connect to a port nobody listens on.
     */
    private static List<ProbeSpec> probes(RandomGenerator r, List<String> names, List<Listener> listeners, Topology topology) {
        List<ProbeSpec> out = new ArrayList<>();
        for (String from : names) {
            for (String to : names) {
                if (!from.equals(to)) {
                    out.add(new ProbeSpec.PingSpec(from, to, 1));
                }
            }
        }
        for (String to : names) {
            List<Ipv4Address> ips = topology.ipsOf(topology.namespaceOf(to).orElseThrow());
            if (ips.size() > 1) {
                for (Ipv4Address ip : ips) {
                    String from = pick(r, names, to);
                    out.add(new ProbeSpec.PingSpec(from, ip.toString(), 1));
                }
            }
        }
        List<ProbeSpec> transport = new ArrayList<>();
        for (Listener l : listeners) {
            for (int i = 0; i < 2; i++) {
                String from = r.nextDouble() < 0.15 ? l.target() : pick(r, names, l.target());
                transport.add(l.udp() ? new ProbeSpec.UdpSpec(from, l.target(), l.port()) : new ProbeSpec.TcpSpec(from, l.target(), l.port()));
            }
        }
        String to = names.get(r.nextInt(names.size()));
        transport.add(new ProbeSpec.TcpSpec(pick(r, names, to), to, 81));
        List<ProbeSpec> distinct = new ArrayList<>(new LinkedHashSet<>(transport));
        while (distinct.size() > MAX_TRANSPORT_PROBES) {
            distinct.remove(r.nextInt(distinct.size()));
        }
        out.addAll(distinct);
        return out;
    }

    private static String pick(RandomGenerator r, List<String> names, String not) {
        List<String> others = names.stream().filter(n -> !n.equals(not)).toList();
        return others.isEmpty() ? not : others.get(r.nextInt(others.size()));
    }

    /**
     * Validates and lowers spec text. A generated spec that does not validate is a generator bug: the exception
     * (every problem, file:line:col) says why.
     */
    static Topology lower(String yaml, String source) {
        ValidatedLab lab = YamlSpecLoader.parseValidated(source, yaml);
        return Lowering.lower(lab);
    }
}
