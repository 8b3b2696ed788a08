package io.netrig.kernel.host;

import io.netrig.kernel.exec.SshEndpoint;
import io.netrig.model.Problem;
import io.netrig.model.SourceLocation;
import io.netrig.model.SpecException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a host map ({@code lab-vagrant/hosts.yaml}, documented in {@code docs/remote-hosts.md}):
 * <pre>
 * machines:
 *   m1: {address: 192.168.56.11, user: vagrant, key: keys/netrig_ecdsa, known_hosts: keys/known_hosts, nic: eth1}
 * hosts:            # spec host: machine
 *   host1: m1
 * </pre>
 * Relative file names are taken from the host map's folder. Every problem is collected and reported at once, each as
 * {@code file:line:column: message}, as the spec reader does.
 */
public final class HostMapFile {
    private static final List<String> TOP_KEYS = List.of("machines", "hosts", "from_netns");
    private static final List<String> MACHINE_KEYS = List.of("address", "port", "user", "key", "known_hosts", "nic", "segments", "java", "dir");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final Pattern NIC = Pattern.compile("[a-zA-Z0-9_.:@-]{1,15}");
    private static final Pattern ADDRESS = Pattern.compile("[a-zA-Z0-9.:-]+");
    static final String DEFAULT_USER = "root";
    static final String DEFAULT_NIC = "eth1";
    static final String DEFAULT_JAVA = "java";
    static final String DEFAULT_DIR = ".netrig";

    private final String source;
    private final Path folder;
    private final List<Problem> problems = new ArrayList<>();

    private HostMapFile(String source, Path folder) {
        this.source = source;
        this.folder = folder;
    }

    /** Reads and checks a host map file; throws {@link SpecException} listing every problem. */
    public static HostMap load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw SpecException.of(SourceLocation.file(file.toString()), "the host map file does not exist");
        } catch (CharacterCodingException e) {
            throw SpecException.of(SourceLocation.file(file.toString()), "the host map file is not UTF-8 text");
        } catch (IOException e) {
            throw SpecException.of(SourceLocation.file(file.toString()), "the host map file cannot be read: " + e);
        }
        Path folder = Optional.ofNullable(file.toAbsolutePath().getParent()).orElse(Path.of("/"));
        return new HostMapFile(file.toString(), folder).read(file, text);
    }

    /** Reads host map text; relative file names are taken from {@code folder}. */
    public static HostMap parse(String source, String text, Path folder) {
        return new HostMapFile(source, folder).read(Path.of(source), text);
    }

    private HostMap read(Path file, String text) {
        Optional<Node> root;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(source).setSchema(new CoreSchema()).build();
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            throw SpecException.of(e.getProblemMark().map(m -> SourceLocation.of(source, m.getLine() + 1, m.getColumn() + 1))
                    .orElse(SourceLocation.file(source)), "not valid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw SpecException.of(SourceLocation.file(source), "not valid YAML: " + e.getMessage());
        }
        if (root.isEmpty() || !(root.get() instanceof MappingNode top)) {
            throw SpecException.of(root.map(this::at).orElse(SourceLocation.file(source)),
                    "a host map is a mapping with keys " + String.join(", ", TOP_KEYS));
        }
        Map<String, Node> keys = entries(top, TOP_KEYS, "the host map");
        List<Machine> machines = new ArrayList<>();
        Map<String, SourceLocation> machinePlaces = new LinkedHashMap<>();
        Optional<String> fromNetns = Optional.ofNullable(keys.get("from_netns")).flatMap(n -> scalar(n, "from_netns"));
        Node machinesNode = keys.get("machines");
        if (machinesNode == null) {
            problem(at(top), "the host map has no 'machines:' (expected machine name: {address, user, key, known_hosts, nic})");
        } else if (machinesNode instanceof MappingNode mm) {
            for (NodeTuple t : mm.getValue()) {
                Optional<String> name = scalar(t.getKeyNode(), "machine name");
                if (name.isEmpty()) {
                    continue;
                }
                if (!NAME.matcher(name.get()).matches()) {
                    problem(at(t.getKeyNode()), "machine name '" + name.get() + "' is not usable (letters, digits, '-', '_', '.')");
                    continue;
                }
                if (machinePlaces.containsKey(name.get())) {
                    problem(at(t.getKeyNode()), "machine '" + name.get() + "' is listed twice (first at " + machinePlaces.get(name.get()) + ")");
                    continue;
                }
                machinePlaces.put(name.get(), at(t.getKeyNode()));
                machine(name.get(), t.getKeyNode(), t.getValueNode(), fromNetns).ifPresent(machines::add);
            }
        } else {
            problem(at(machinesNode), "'machines' must be a mapping of machine name to {address, user, key, known_hosts, nic}");
        }
        Map<String, String> hosts = new LinkedHashMap<>();
        Node hostsNode = keys.get("hosts");
        if (hostsNode == null) {
            problem(at(top), "the host map has no 'hosts:' (expected spec host name: machine name)");
        } else if (hostsNode instanceof MappingNode hm) {
            for (NodeTuple t : hm.getValue()) {
                Optional<String> host = scalar(t.getKeyNode(), "spec host name");
                Optional<String> machine = scalar(t.getValueNode(), "machine of host " + host.orElse("?"));
                if (host.isEmpty() || machine.isEmpty()) {
                    continue;
                }
                if (hosts.containsKey(host.get())) {
                    problem(at(t.getKeyNode()), "host '" + host.get() + "' is mapped twice");
                } else if (!machinePlaces.containsKey(machine.get())) {
                    problem(at(t.getValueNode()), "host '" + host.get() + "' is mapped to machine '" + machine.get()
                            + "', which 'machines:' does not list (it has: " + String.join(", ", machinePlaces.keySet()) + ")");
                } else {
                    hosts.put(host.get(), machine.get());
                }
            }
        } else {
            problem(at(hostsNode), "'hosts' must be a mapping of spec host name to machine name");
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems.stream().sorted(Problem.IN_SOURCE_ORDER).toList());
        }
        return new HostMap(file, machines, hosts);
    }

    private Optional<Machine> machine(String name, Node keyNode, Node value, Optional<String> fromNetns) {
        if (!(value instanceof MappingNode m)) {
            problem(at(value), "machine '" + name + "' must be a mapping with keys " + String.join(", ", MACHINE_KEYS));
            return Optional.empty();
        }
        String subject = "machine '" + name + "'";
        Map<String, Node> keys = entries(m, MACHINE_KEYS, subject);
        int before = problems.size();
        Optional<String> address = required(keys, "address", subject, keyNode);
        address.filter(a -> !ADDRESS.matcher(a).matches())
                .ifPresent(a -> problem(at(keys.get("address")), subject + ": address '" + a + "' is not a host name or IP address"));
        int port = Optional.ofNullable(keys.get("port")).flatMap(n -> integer(n, subject + ": port", 1, 65535)).orElse(22);
        String user = Optional.ofNullable(keys.get("user")).flatMap(n -> scalar(n, subject + ": user")).orElse(DEFAULT_USER);
        Optional<Path> key = required(keys, "key", subject, keyNode).map(folder::resolve);
        key.ifPresent(k -> existingFile(k, keys.get("key"), subject + ": key file"));
        Optional<Path> knownHosts = required(keys, "known_hosts", subject, keyNode).map(folder::resolve);
        knownHosts.ifPresent(k -> existingFile(k, keys.get("known_hosts"), subject + ": known_hosts file"));
        String nic = Optional.ofNullable(keys.get("nic")).flatMap(n -> nicName(n, subject + ": nic")).orElse(DEFAULT_NIC);
        Map<String, String> segments = new LinkedHashMap<>();
        Node segNode = keys.get("segments");
        if (segNode instanceof MappingNode sm) {
            for (NodeTuple t : sm.getValue()) {
                Optional<String> seg = scalar(t.getKeyNode(), subject + ": segment name");
                Optional<String> segNic = nicName(t.getValueNode(), subject + ": NIC of segment " + seg.orElse("?"));
                if (seg.isPresent() && segNic.isPresent()) {
                    segments.put(seg.get(), segNic.get());
                }
            }
        } else if (segNode != null) {
            problem(at(segNode), subject + ": 'segments' must be a mapping of underlay segment name to NIC (e.g. {lan: eth1})");
        }
        String java = Optional.ofNullable(keys.get("java")).flatMap(n -> scalar(n, subject + ": java")).orElse(DEFAULT_JAVA);
        String dir = Optional.ofNullable(keys.get("dir")).flatMap(n -> scalar(n, subject + ": dir")).orElse(DEFAULT_DIR);
        if (problems.size() > before || address.isEmpty() || key.isEmpty() || knownHosts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Machine(name, new SshEndpoint(address.get(), port, user, key.get(), knownHosts.get(), fromNetns),
                nic, segments, java, dir, at(keyNode)));
    }

    private void existingFile(Path file, Node node, String what) {
        if (!Files.isRegularFile(file)) {
            problem(at(node), what + " " + file + " does not exist" + (Files.exists(file) ? " as a file" : "")
                    + " (relative names are taken from the host map's folder " + folder + ")");
        }
    }

    private Optional<String> required(Map<String, Node> keys, String key, String subject, Node anchor) {
        Node n = keys.get(key);
        if (n == null) {
            problem(at(anchor), subject + " has no '" + key + "'");
            return Optional.empty();
        }
        return scalar(n, subject + ": " + key);
    }

    private Optional<String> nicName(Node n, String what) {
        Optional<String> v = scalar(n, what);
        if (v.isPresent() && !NIC.matcher(v.get()).matches()) {
            problem(at(n), what + " '" + v.get() + "' is not an interface name (at most 15 characters)");
            return Optional.empty();
        }
        return v;
    }

    private Optional<Integer> integer(Node n, String what, int min, int max) {
        Optional<String> v = scalar(n, what);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            int i = Integer.parseInt(v.get());
            if (i >= min && i <= max) {
                return Optional.of(i);
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        problem(at(n), what + " must be a number " + min + "-" + max + ", got '" + v.get() + "'");
        return Optional.empty();
    }

    private Optional<String> scalar(Node n, String what) {
        if (n instanceof ScalarNode s && !s.getValue().isBlank()) {
            return Optional.of(s.getValue().strip());
        }
        problem(at(n), what + " must be a single non-empty value");
        return Optional.empty();
    }

    /** The entries of a mapping by key; unknown and repeated keys are problems. */
    private Map<String, Node> entries(MappingNode m, List<String> known, String subject) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            Optional<String> k = scalar(t.getKeyNode(), "a key of " + subject);
            if (k.isEmpty()) {
                continue;
            }
            if (!known.contains(k.get())) {
                problem(at(t.getKeyNode()), subject + ": unknown key '" + k.get() + "' (expected one of: " + String.join(", ", known) + ")");
            } else if (out.containsKey(k.get())) {
                problem(at(t.getKeyNode()), subject + ": key '" + k.get() + "' is given twice");
            } else {
                out.put(k.get(), t.getValueNode());
            }
        }
        return out;
    }

    private SourceLocation at(Node n) {
        return n.getStartMark().map(m -> SourceLocation.of(source, m.getLine() + 1, m.getColumn() + 1)).orElse(SourceLocation.file(source));
    }

    private void problem(SourceLocation where, String message) {
        problems.add(new Problem(where, message));
    }

    /** Keys a machine entry may have (for documentation and tests). */
    static Set<String> machineKeys() {
        return Set.copyOf(MACHINE_KEYS);
    }
}
