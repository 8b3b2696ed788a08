package io.netrig.kernel.host;

import io.netrig.kernel.exec.SshEndpoint;
import io.netrig.model.SourceLocation;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One machine of a host map: how to reach it over SSH, which of its NICs carries each underlay segment (a spec
 * host's interface on that segment becomes a macvlan child of that NIC, made straight into the host's lab namespace),
 * the {@code java} to run the agent with, and the folder (relative to the login's home, or absolute) where the agent's
 * jars are cached and its captures are written.
 *
 * @param nic the NIC for segments {@code segmentNics} does not name
 * @param where the machine's entry in the host map file, for messages
 */
public record Machine(String name, SshEndpoint ssh, String nic, Map<String, String> segmentNics, String java, String dir,
                      SourceLocation where) {
    public Machine {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ssh, "ssh");
        Objects.requireNonNull(nic, "nic");
        segmentNics = Map.copyOf(segmentNics);
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(where, "where");
    }

    /** The NIC of this machine that is the given underlay segment. */
    public String nicFor(String segment) {
        return Optional.ofNullable(segmentNics.get(segment)).orElse(nic);
    }

    /** Whether the agent needs {@code sudo -n} (it makes namespaces and links: root only). */
    public boolean needsSudo() {
        return !ssh.user().equals("root");
    }
}
