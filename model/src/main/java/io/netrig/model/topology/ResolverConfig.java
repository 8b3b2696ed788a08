package io.netrig.model.topology;

import io.netrig.model.net.Ipv4Address;
import java.util.List;
import java.util.Objects;

/**
 * How names are resolved in a namespace, as Docker writes a container's {@code /etc/hosts} and
 * {@code /etc/resolv.conf}: the hosts file is read first, then the nameservers are asked in order over UDP port 53.
 * {@code options} are resolv.conf options such as {@code ndots:0}.
 */
public record ResolverConfig(String namespace, List<HostsEntry> hosts, List<Ipv4Address> nameservers, List<String> options,
                             Provenance provenance) {
    public ResolverConfig {
        Objects.requireNonNull(namespace, "namespace");
        hosts = List.copyOf(hosts);
        nameservers = List.copyOf(nameservers);
        options = List.copyOf(options);
        Objects.requireNonNull(provenance, "provenance");
    }

    /** The hosts file's text, one entry per line. */
    public String hostsFile() {
        StringBuilder out = new StringBuilder();
        hosts.forEach(h -> out.append(h.line()).append('\n'));
        return out.toString();
    }

    /** The resolv.conf text: {@code nameserver} lines, then one {@code options} line when there are options. */
    public String resolvConf() {
        StringBuilder out = new StringBuilder();
        nameservers.forEach(ns -> out.append("nameserver ").append(ns).append('\n'));
        if (!options.isEmpty()) {
            out.append("options ").append(String.join(" ", options)).append('\n');
        }
        return out.toString();
    }
}
