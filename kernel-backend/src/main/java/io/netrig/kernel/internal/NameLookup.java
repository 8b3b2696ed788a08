package io.netrig.kernel.internal;

import io.netrig.kernel.exec.CommandExecutor;
import io.netrig.kernel.exec.CommandFailedException;
import io.netrig.kernel.exec.CommandResult;
import io.netrig.kernel.exec.GetentCommand;
import io.netrig.model.NetrigException;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.ResolverConfig;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link Probe.Lookup}: {@code getent ahostsv4 NAME} in the namespace, i.e. glibc's own resolver reading the lab's
 * hosts file and resolv.conf ({@link ResolverFiles}). Exit 0 is REACHED with the distinct addresses in the order
 * getent printed them; exit 2 (no such name, a server failure, no answer) is NOT_FOUND. The process may run for the
 * probe's timeout plus the longest the resolv.conf lets glibc wait; if it runs longer it is ended, and that is
 * NOT_FOUND too.
 */
final class NameLookup {
    /** glibc's defaults and limits ({@code RES_TIMEOUT}, {@code RES_DFLRETRY}, {@code RES_MAXRETRANS}, {@code RES_MAXRETRY}, {@code MAXNS}). */
    static final int DEFAULT_TIMEOUT_S = 5;
    static final int DEFAULT_ATTEMPTS = 2;
    static final int MAX_TIMEOUT_S = 30;
    static final int MAX_ATTEMPTS = 5;
    static final int MAX_NAMESERVERS = 3;

    private NameLookup() {
    }

    static Observation run(Probe.Lookup probe, String kernelNs, Optional<ResolverConfig> resolver, CommandExecutor exec) {
        Duration limit = probe.timeout().plus(worstCase(resolver));
        CommandResult r;
        try {
            r = exec.result(GetentCommand.ahostsv4(kernelNs, probe.name(), limit));
        } catch (CommandFailedException e) {
            if (e.exitCode() == -1 && e.stderr().startsWith("timed out")) {
                return Observation.of(probe, Outcome.NOT_FOUND, "getent ahostsv4 " + probe.name() + " gave no answer within "
                        + limit.toMillis() + " ms (lookup timeout plus the resolver's worst case); " + nameservers(resolver));
            }
            throw e;
        }
        return judge(probe, r.exitCode(), r.stdout(), r.stderr(), resolver);
    }

    /** The observation for getent's exit code and output. Pure. */
    static Observation judge(Probe.Lookup probe, int exitCode, String stdout, String stderr, Optional<ResolverConfig> resolver) {
        String err = stderr.strip();
        return switch (exitCode) {
            case GetentCommand.FOUND -> {
                List<Ipv4Address> answers = addresses(stdout);
                if (answers.isEmpty()) {
                    throw new NetrigException("getent ahostsv4 " + probe.name() + " in " + probe.from()
                            + " succeeded but printed no IPv4 address: " + stdout.strip());
                }
                yield Observation.resolved(probe, answers, probe.name() + " resolved in " + probe.from() + " to " + answers
                        + (inHostsFile(probe.name(), resolver) ? " from its hosts file" : " by " + nameservers(resolver)));
            }
            case GetentCommand.NOT_FOUND -> Observation.of(probe, Outcome.NOT_FOUND, "getent ahostsv4 " + probe.name() + " in "
                    + probe.from() + ": not found (exit 2" + (err.isEmpty() ? "" : ", " + err) + "); no hosts file entry; "
                    + nameservers(resolver));
            default -> throw new NetrigException("getent ahostsv4 " + probe.name() + " in " + probe.from() + " failed with exit code "
                    + exitCode + (err.isEmpty() ? "" : ": " + err));
        };
    }

    /** The first field of each line of {@code getent ahostsv4}, distinct, in order ({@code 172.18.0.3 STREAM db}). */
    static List<Ipv4Address> addresses(String stdout) {
        Set<Ipv4Address> out = new LinkedHashSet<>();
        stdout.lines().map(String::strip).filter(l -> !l.isEmpty()).map(l -> l.split("\\s+")[0])
                .forEach(field -> Ipv4Address.tryParse(field).ifPresent(out::add));
        return List.copyOf(out);
    }

    /**
     * The longest glibc waits for nameservers before giving up: each of {@code attempts} rounds asks every nameserver
     * (127.0.0.1 when there is none), waiting up to {@code timeout << round} seconds for each (an upper bound of glibc's
     * {@code res_send}, which divides later rounds among the servers).
     */
    static Duration worstCase(Optional<ResolverConfig> resolver) {
        int timeout = DEFAULT_TIMEOUT_S;
        int attempts = DEFAULT_ATTEMPTS;
        int servers = 1;
        if (resolver.isPresent()) {
            for (String option : resolver.get().options()) {
                timeout = option(option, "timeout:", timeout, 1, MAX_TIMEOUT_S);
                attempts = option(option, "attempts:", attempts, 1, MAX_ATTEMPTS);
            }
            servers = Math.clamp(resolver.get().nameservers().size(), 1, MAX_NAMESERVERS);
        }
        long seconds = 0;
        for (int round = 0; round < attempts; round++) {
            seconds += (long) servers * ((long) timeout << round);
        }
        return Duration.ofSeconds(seconds);
    }

    private static int option(String option, String name, int current, int min, int max) {
        if (!option.startsWith(name)) {
            return current;
        }
        try {
            return Math.clamp(Integer.parseInt(option.substring(name.length())), min, max);
        } catch (NumberFormatException e) {
            return current;   // glibc ignores what it cannot read
        }
    }

    private static boolean inHostsFile(String name, Optional<ResolverConfig> resolver) {
        String key = name.toLowerCase(Locale.ROOT);
        return resolver.stream().flatMap(r -> r.hosts().stream()).flatMap(h -> h.names().stream())
                .anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(key));
    }

    private static String nameservers(Optional<ResolverConfig> resolver) {
        List<Ipv4Address> ns = resolver.map(ResolverConfig::nameservers).orElse(List.of());
        return ns.isEmpty() ? "its resolv.conf names no nameserver (glibc then asks 127.0.0.1 inside the namespace)"
                : "its resolv.conf names nameserver" + (ns.size() > 1 ? "s " : " ") + ns;
    }
}
