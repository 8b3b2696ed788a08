package io.netrig.docker.internal;

import io.netrig.model.backend.Probe;
import java.time.Duration;
import java.util.List;

/**
 * The command line of each probe, for the two places a probe runs: in a container of the probe image
 * ({@code docker exec}), or on the machine (its own namespace, or a lab namespace through {@code ip netns exec}), where
 * the same tools are the machine's iputils ping and Debian's busybox.
 */
public record ProbeArgv(String ping, String nc, String timeout, String getent) {
    /** The probe image's tools ({@link ProbeImage}). */
    public static final ProbeArgv IN_CONTAINER = new ProbeArgv("/usr/bin/ping", "/bin/nc", "/bin/timeout", "/usr/bin/getent");

    /** The machine's tools: iputils ping and busybox's nc. */
    public static ProbeArgv onMachine(String busybox) {
        return new ProbeArgv("ping", busybox + " nc", busybox + " timeout", "getent");
    }

    /** {@code ping -n -c N -i 0.2 -W T ADDR}: N requests, each answer awaited at most T (whole seconds, at least 1). */
    public List<String> ping(Probe.Ping p) {
        return List.of(ping, "-n", "-c", Integer.toString(p.count()), "-i", "0.2", "-W", seconds(p.timeout()), p.to().toString());
    }

    /** {@code nc -w T ADDR PORT} with nothing to send: exits 0 once connected and closed by the listener. */
    public List<String> tcp(Probe.Tcp p) {
        return words(nc, "-w", seconds(p.timeout()), p.to().toString(), Integer.toString(p.port()));
    }

    /** {@code timeout T getent ahostsv4 NAME}: glibc's lookup (hosts file, then resolv.conf), bounded as a whole. */
    public List<String> lookup(Probe.Lookup p) {
        return words(timeout, seconds(p.timeout()), getent, "ahostsv4", p.name());
    }

    private static List<String> words(String first, String... rest) {
        List<String> out = new java.util.ArrayList<>(List.of(first.split(" ")));
        out.addAll(List.of(rest));
        return List.copyOf(out);
    }

    static String seconds(Duration d) {
        return Long.toString(Math.max(1, (d.toMillis() + 999) / 1000));
    }
}
