package io.netrig.model.render.inspect;

import io.netrig.model.firewall.Ruleset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one machine of a lab would show: on a Docker host its Docker networks (in {@code docker network ls} order), its
 * bridges, its interfaces, its containers' interfaces and its iptables rules; on a plain machine its interfaces and,
 * if it has any, its rules.
 */
public record HostInspection(String name, boolean docker, List<DockerNetwork> networks, List<BridgeInfo> bridges,
                             List<IpLink> links, List<ContainerInspection> containers, Optional<Ruleset> ruleset) {
    public HostInspection {
        Objects.requireNonNull(name, "name");
        networks = List.copyOf(networks);
        bridges = List.copyOf(bridges);
        links = List.copyOf(links);
        containers = List.copyOf(containers);
        Objects.requireNonNull(ruleset, "ruleset");
    }

    /**
     * Whether {@code iptables -S} belongs in the report: always on a Docker host (with {@code iptables: false} its
     * tables are empty), on a plain machine only when the lab gives it rules.
     */
    public boolean showsIptables() {
        return docker || ruleset.isPresent();
    }
}
