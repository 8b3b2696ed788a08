package io.netrig.sim.internal;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.ResolverConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * What glibc's resolver makes of a resolv.conf: the nameservers (none: 127.0.0.1, as res_init falls back to), at
 * most MAXNS = 3 of them; {@code timeout:N} (default 5 s, at most 30) and {@code attempts:N} (default 2, at most 5).
 * Other options (ndots, rotate, …) are ignored.
 */
record ResolverOptions(List<Ipv4Address> nameservers, int timeoutSeconds, int attempts) {
    static final int MAXNS = 3;
    static final int DEFAULT_TIMEOUT = 5;
    static final int MAX_TIMEOUT = 30;
    static final int DEFAULT_ATTEMPTS = 2;
    static final int MAX_ATTEMPTS = 5;
    private static final Ipv4Address LOCALHOST = Ipv4Address.parse("127.0.0.1");

    ResolverOptions {
        nameservers = List.copyOf(nameservers);
    }

    static ResolverOptions of(ResolverConfig config) {
        List<Ipv4Address> servers = config.nameservers().isEmpty() ? List.of(LOCALHOST)
                : config.nameservers().subList(0, Math.min(MAXNS, config.nameservers().size()));
        int timeout = DEFAULT_TIMEOUT;
        int attempts = DEFAULT_ATTEMPTS;
        for (String option : config.options()) {
            if (option.startsWith("timeout:")) {
                timeout = Math.clamp(number(option, timeout), 1, MAX_TIMEOUT);
            } else if (option.startsWith("attempts:")) {
                attempts = Math.clamp(number(option, attempts), 1, MAX_ATTEMPTS);
            }
        }
        return new ResolverOptions(servers, timeout, attempts);
    }

    private static int number(String option, int fallback) {
        try {
            return Integer.parseInt(option.substring(option.indexOf(':') + 1).trim());
        } catch (NumberFormatException e) {
            return fallback;  // res_init ignores what it cannot read
        }
    }

    /** One query to one server, and how long glibc waits for its answer. */
    record Try(int server, Ipv4Address address, long waitNanos) {
    }

    /**
     * The queries in the order glibc's res_send makes them: every server in turn, {@code attempts} times. send_dg waits
     * {@code timeout << i} seconds for server {@code i}, divided by the number of servers when {@code i > 0}, at
     * least 1 s (a quirk of glibc's, kept: the wait grows with the server's index, not the attempt).
     */
    List<Try> schedule() {
        List<Try> out = new ArrayList<>();
        for (int attempt = 0; attempt < attempts; attempt++) {
            for (int i = 0; i < nameservers.size(); i++) {
                long seconds = (long) timeoutSeconds << i;
                if (i > 0) {
                    seconds /= nameservers.size();
                }
                out.add(new Try(i, nameservers.get(i), Math.max(1, seconds) * 1_000_000_000L));
            }
        }
        return out;
    }
}
