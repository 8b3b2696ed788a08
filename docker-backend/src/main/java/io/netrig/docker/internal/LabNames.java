package io.netrig.docker.internal;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The names one docker lab gives what it creates, all starting with its id ({@code <prefix>x<3 hex>}: the {@code x}, not
 * a hex digit, keeps them apart from the kernel backend's {@code <prefix><4 hex>} labs and its cleaner), so that cleanup
 * removes exactly what the lab made: Docker networks and containers {@code <id>-<spec name>}, lab namespaces
 * {@code <id>-<host or segment>}, and in the machine's own namespace (whose interface names are at most 15
 * characters) the Docker host's NICs {@code <id>h<N>} and the links its commands add {@code <id>c<N>}. Every Docker
 * object also carries the label {@value #LAB_LABEL}{@code =<id>}.
 */
public record LabNames(String prefix, String id) {
    /** The label every Docker object of a lab carries; its value is the lab id. */
    public static final String LAB_LABEL = "io.netrig.lab";
    /** The label with the lab's prefix, so {@code netrig clean --prefix} finds the labs of one prefix. */
    public static final String PREFIX_LABEL = "io.netrig.prefix";
    /** The label with the process id of the JVM that made the object: leftovers of live processes are kept. */
    public static final String PID_LABEL = "io.netrig.pid";

    public LabNames {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(id, "id");
        if (!idPattern(prefix).matcher(id).matches()) {
            throw new IllegalArgumentException("lab id '" + id + "' must be prefix '" + prefix + "', x and 3 hex digits");
        }
    }

    public static LabNames fresh(String prefix, RandomGenerator random) {
        return new LabNames(prefix, prefix + "x" + String.format("%03x", random.nextInt(0x1000)));
    }

    /** The ids of docker labs made with {@code prefix}. */
    public static java.util.regex.Pattern idPattern(String prefix) {
        return java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(prefix) + "x[0-9a-f]{3}");
    }

    /** The lab id a name of the machine (namespace or link) belongs to, if it is a docker lab's of {@code prefix}. */
    public static java.util.Optional<String> labOf(String prefix, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(" + idPattern(prefix).pattern() + ")(?:-.+|[hcb][0-9]+)").matcher(name);
        return m.matches() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    public String network(String specName) {
        return id + "-" + specName;
    }

    public String container(String specName) {
        return id + "-" + specName;
    }

    public String namespace(String specName) {
        return id + "-" + specName;
    }

    /** The Docker host's NIC number {@code index} (in the order its spec writes them), in the machine's namespace. */
    public String hostInterface(int index) {
        return id + "h" + index;
    }

    /** The {@code index}-th link a Docker host command adds (the macvlan shim), in the machine's namespace. */
    public String commandLink(int index) {
        return id + "c" + index;
    }

    /** A bridge the spec names ({@code com.docker.network.bridge.name}), in the machine's namespace. */
    public String bridge(int index) {
        return id + "b" + index;
    }

    /** Whether a machine link, namespace, network or container name is one of this lab's. */
    public boolean owns(String name) {
        return name.startsWith(id);
    }
}
