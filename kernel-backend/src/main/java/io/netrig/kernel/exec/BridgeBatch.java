package io.netrig.kernel.exec;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.LinkName;
import io.netrig.model.net.MacAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The input of one {@code bridge -n NS -batch -}: forwarding-database entries of one namespace, all in one process
 * ({@code ip -batch} has no {@code fdb} object).
 */
public final class BridgeBatch {
    private final String namespace;
    private final List<String> lines = new ArrayList<>();

    private BridgeBatch(String namespace) {
        this.namespace = namespace;
    }

    public static BridgeBatch in(String ns) {
        return new BridgeBatch(ns);
    }

    /**
     * A static entry of a VXLAN device: frames for {@code mac} go to the VTEP at {@code remote} ({@code append}, so that
     * the all-zeros MAC can name several remotes to flood to).
     */
    public BridgeBatch fdbAppend(MacAddress mac, LinkName dev, Ipv4Address remote) {
        return line("fdb append " + mac + " dev " + dev + " dst " + remote + " self permanent");
    }

    /** Removes exactly the entry {@code mac -> remote} of a VXLAN device. */
    public BridgeBatch fdbDelete(MacAddress mac, LinkName dev, Ipv4Address remote) {
        return line("fdb del " + mac + " dev " + dev + " dst " + remote + " self");
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public Command toCommand() {
        return Command.of(List.of("bridge", "-n", namespace, "-batch", "-")).withStdin(String.join("\n", lines) + "\n")
                .inNamespace(namespace);
    }

    private BridgeBatch line(String text) {
        lines.add(text);
        return this;
    }
}
