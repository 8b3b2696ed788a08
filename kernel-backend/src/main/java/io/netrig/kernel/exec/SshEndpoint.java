package io.netrig.kernel.exec;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and as whom to log in over SSH: the machine's address and port, the user, the private key to offer, and the
 * known_hosts file its host key must be listed in (no other host key is accepted). {@code fromNamespace}, when given,
 * is a network namespace of this machine the connection is made from (the rehearsal's machines are namespaces that
 * only a lab-made namespace can reach; the machine's own namespace is never connected to them).
 */
public record SshEndpoint(String address, int port, String user, Path key, Path knownHosts, Optional<String> fromNamespace) {
    public SshEndpoint {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(fromNamespace, "fromNamespace");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SSH port must be 1-65535, got " + port);
        }
    }

    @Override
    public String toString() {
        return user + "@" + address + (port == 22 ? "" : ":" + port);
    }
}
