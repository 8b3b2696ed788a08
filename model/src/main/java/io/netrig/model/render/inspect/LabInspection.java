package io.netrig.model.render.inspect;

import io.netrig.model.spec.ValidatedLab;
import io.netrig.model.topology.Topology;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code docker network ls/inspect}, {@code brctl show}, {@code ip addr} and {@code iptables -S} would print on
 * each machine of a lab, computed from its validated spec and its lowered topology; nothing is started or read from a
 * running host. Hosts keep the spec's order.
 */
public record LabInspection(String lab, List<HostInspection> hosts) {
    public LabInspection {
        Objects.requireNonNull(lab, "lab");
        hosts = List.copyOf(hosts);
    }

    /** @param topology the lowering of {@code lab} ({@link io.netrig.model.lower.Lowering#lower(ValidatedLab)}) */
    public static LabInspection of(ValidatedLab lab, Topology topology) {
        return new Inspector(lab, topology).run();
    }

    public Optional<HostInspection> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    public List<String> hostNames() {
        return hosts.stream().map(HostInspection::name).toList();
    }

    /** The same inspection restricted to one host; empty when the lab has no host of that name. */
    public Optional<LabInspection> only(String hostName) {
        return host(hostName).map(h -> new LabInspection(lab, List.of(h)));
    }
}
