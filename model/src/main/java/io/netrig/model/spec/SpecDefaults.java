package io.netrig.model.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fills in what a spec may leave out: a lab without hosts gets one Docker host named
 * {@value LabSpec#IMPLICIT_HOST}; with exactly one Docker host, networks and containers that name no host are on it.
 */
final class SpecDefaults {
    private SpecDefaults() {
    }

    /** A container in {@code container:OTHER} mode runs where OTHER runs, when it names no host itself. */
    private static Optional<String> sharedHost(LabSpec spec, ContainerSpec c) {
        if (c.mode() instanceof NetworkMode.Container(String other) && spec.containers().containsKey(other)) {
            String host = spec.containers().get(other).host();
            return host.isEmpty() ? Optional.empty() : Optional.of(host);
        }
        return Optional.empty();
    }

    static LabSpec apply(LabSpec spec) {
        Map<String, HostSpec> hosts = new LinkedHashMap<>(spec.hosts());
        if (hosts.isEmpty()) {
            hosts.put(LabSpec.IMPLICIT_HOST, new HostSpec(LabSpec.IMPLICIT_HOST, true, Map.of(), true, List.of(), DaemonOptions.DEFAULTS));
        }
        List<String> dockerHosts = hosts.values().stream().filter(HostSpec::docker).map(HostSpec::name).toList();
        Optional<String> onlyHost = dockerHosts.size() == 1 ? Optional.of(dockerHosts.getFirst()) : Optional.empty();
        Map<String, NetworkSpec> networks = new LinkedHashMap<>();
        spec.networks().forEach((name, n) -> networks.put(name, n.host().filter(h -> !h.isEmpty()).isPresent() || onlyHost.isEmpty()
                || n.swarmScoped() ? n
                : n.withHost(onlyHost.get())));
        Map<String, ContainerSpec> containers = new LinkedHashMap<>();
        spec.containers().forEach((name, c) -> {
            String host = c.host().isEmpty() ? onlyHost.or(() -> sharedHost(spec, c)).orElse("") : c.host();
            List<EndpointSpec> endpoints = c.endpoints().isEmpty() && c.mode() instanceof NetworkMode.Attached
                    ? List.of(new EndpointSpec("bridge", Optional.empty(), List.of())) : c.endpoints();
            containers.put(name, c.withHostAndEndpoints(host, endpoints));
        });
        return new LabSpec(spec.name(), spec.docker(), spec.segments(), hosts, networks, containers, spec.expect(), spec.sources(),
                spec.commands(), spec.services());
    }
}
