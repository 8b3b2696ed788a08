package io.netrig.kernel.exec;

import java.time.Duration;

/**
 * {@code ip netns exec NS getent ahostsv4 NAME}: a name lookup through glibc's own resolver as an application in the
 * namespace makes it ({@code getaddrinfo} for IPv4): the namespace's hosts file, then its resolv.conf nameservers
 * ({@code ip netns exec} bind-mounts {@code /etc/netns/NS/*} over {@code /etc}). Exit 0: found; 2: not found.
 */
public final class GetentCommand {
    public static final int FOUND = 0;
    public static final int NOT_FOUND = 2;

    private GetentCommand() {
    }

    /** @param limit how long the process may run (the lookup's timeout plus the resolver's own worst case) */
    public static Command ahostsv4(String ns, String name, Duration limit) {
        return NetnsExec.of(ns, "getent", "ahostsv4", "--", name).toCommand().withTimeout(limit);
    }
}
