package io.netrig.model.topology;

import java.util.Objects;
import java.util.regex.Pattern;

/** A per-namespace kernel setting, by its sysctl key ({@code net.ipv4.ip_forward}). */
public record Sysctl(String namespace, String key, String value, Provenance provenance) {
    public static final String IP_FORWARD = "net.ipv4.ip_forward";
    public static final String BRIDGE_NF_CALL_IPTABLES = "net.bridge.bridge-nf-call-iptables";
    private static final Pattern KEY = Pattern.compile("net(\\.[A-Za-z0-9_*-]+)+");

    public Sysctl {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(provenance, "provenance");
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("'" + key + "' is not a network sysctl key (expected net.…, e.g. net.ipv4.ip_forward)");
        }
    }
}
