package io.netrig.model.spec;

import io.netrig.model.NetrigException;
import io.netrig.model.SpecException;
import io.netrig.model.ipam.DockerIpam;
import io.netrig.model.net.Ipv4Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Changes to a running lab, as the Docker CLI makes them: {@code docker network connect} and
 * {@code docker network disconnect}. Each returns the lab as it is after the change, validated again: endpoints that
 * exist keep their addresses and interface names (a running daemon renumbers nothing), a new endpoint gets the next
 * interface {@code eth<N>} and the first free address (or {@code --ip}), and the default route and published ports
 * follow libnetwork's gateway endpoint, which the new set of endpoints may move. Refusals use Docker's wording.
 */
public final class LabEdits {
    private LabEdits() {
    }

    /** {@code docker network connect [--ip IP] [--alias A …] NETWORK CONTAINER}. */
    public static ValidatedLab connect(ValidatedLab lab, String container, String network, Optional<Ipv4Address> ip,
                                       List<String> aliases) {
        LabSpec spec = lab.spec();
        ContainerSpec c = attachedContainer(spec, container);
        if (!network.equals(DockerIpam.DEFAULT_BRIDGE) && !spec.networks().containsKey(network)) {
            throw new NetrigException("Error response from daemon: network " + network + " not found");
        }
        if (c.endpoints().stream().anyMatch(ep -> ep.network().equals(network))) {
            throw new NetrigException("Error response from daemon: endpoint with name " + container
                    + " already exists in network " + network);
        }
        List<EndpointSpec> endpoints = pinned(c);
        int made = made(c);
        endpoints.add(new EndpointSpec(network, ip, aliases).withInterfaceName("eth" + made));
        return apply(lab, c.withEndpoints(endpoints, made + 1), "connect " + network + " " + container);
    }

    /** {@code docker network disconnect NETWORK CONTAINER}. */
    public static ValidatedLab disconnect(ValidatedLab lab, String container, String network) {
        ContainerSpec c = attachedContainer(lab.spec(), container);
        if (c.endpoints().stream().noneMatch(ep -> ep.network().equals(network))) {
            throw new NetrigException("Error response from daemon: container " + container + " is not connected to network "
                    + network);
        }
        List<EndpointSpec> endpoints = pinned(c);
        endpoints.removeIf(ep -> ep.network().equals(network));
        return apply(lab, c.withEndpoints(endpoints, made(c)), "disconnect " + network + " " + container);
    }

    private static ContainerSpec attachedContainer(LabSpec spec, String container) {
        ContainerSpec c = spec.containers().get(container);
        if (c == null) {
            throw new NetrigException("Error response from daemon: No such container: " + container);
        }
        if (!(c.mode() instanceof NetworkMode.Attached)) {
            throw new NetrigException("Error response from daemon: container " + container + " is in network mode "
                    + c.mode().specName() + " (Docker: container sharing network namespace with another container or host "
                    + "cannot be connected to any other network)");
        }
        return c;
    }

    /** The container's endpoints, each with the interface name it has now. */
    private static List<EndpointSpec> pinned(ContainerSpec c) {
        List<EndpointSpec> out = new ArrayList<>();
        for (int i = 0; i < c.endpoints().size(); i++) {
            EndpointSpec ep = c.endpoints().get(i);
            out.add(ep.interfaceName().isPresent() ? ep : ep.withInterfaceName("eth" + i));
        }
        return out;
    }

    /** How many interfaces the container's namespace got so far: as many as it started with, or the edits' count. */
    private static int made(ContainerSpec c) {
        return Math.max(c.interfacesMade(), c.endpoints().size());
    }

    private static ValidatedLab apply(ValidatedLab lab, ContainerSpec changed, String what) {
        LabSpec spec = lab.spec();
        Map<String, ContainerSpec> containers = new LinkedHashMap<>(spec.containers());
        containers.put(changed.name(), changed);
        LabSpec next = spec.withContainers(containers);
        try {
            return SpecValidator.revalidate(next, lab.addresses());
        } catch (SpecException e) {
            throw new NetrigException("docker network " + what + " failed: " + String.join("; ",
                    e.problems().stream().map(p -> p.message()).toList()));
        }
    }
}
