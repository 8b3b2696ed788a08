package io.netrig.docker;

import io.netrig.docker.internal.DockerExecutor;
import io.netrig.docker.internal.DockerLab;
import io.netrig.docker.internal.LabNames;
import io.netrig.docker.internal.LeftoverCleaner;
import io.netrig.model.UnsupportedFeatureException;
import io.netrig.model.backend.Capabilities;
import io.netrig.model.backend.Feature;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabBackend;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.spec.ValidatedLab;
import io.netrig.model.topology.Topology;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The {@code docker} backend: runs the Docker-level part of a lab spec on a real Docker Engine (the machine's dockerd,
 * found by Testcontainers), its LAN machines as network namespaces around it, and probes with {@code docker exec}. Its
 * labs also compare what the engine built with netrig's lowering ({@link io.netrig.model.backend.ComparableWithLowering}).
 * See {@code docs/docker-backend.md}.
 */
public final class DockerBackend implements LabBackend {
    public static final String NAME = "docker";
    private final SecureRandom random = new SecureRandom();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Capabilities capabilities() {
        String kernel = "this machine's kernel has no such links (and the docker backend refuses them by name)";
        return new Capabilities(EnumSet.of(Feature.VETH, Feature.BRIDGE, Feature.BR_NETFILTER, Feature.IPTABLES, Feature.MACVLAN),
                Map.of(Feature.IPVLAN, kernel, Feature.VLAN, kernel, Feature.DUMMY, kernel, Feature.IPVS, kernel,
                        Feature.VXLAN, "overlay networks need swarm mode across several daemons: single-host labs only",
                        Feature.NETEM, "the docker backend shapes no links", Feature.CAPTURE, "the docker backend does not capture yet"));
    }

    /** Refused: a real engine builds from the spec, not from kernel objects. */
    @Override
    public Lab start(Topology topology, LabOptions options) {
        throw new UnsupportedFeatureException("lab spec", "the docker backend runs a lab spec, not a lowered topology (lab '"
                + topology.name() + "'): start it with LabBackend.start(ValidatedLab, Topology, LabOptions), as netrig check does");
    }

    @Override
    public Lab start(ValidatedLab spec, Topology topology, LabOptions options) {
        DockerExecutor executor = DockerExecutor.connect();
        return DockerLab.start(executor, spec, topology, LabNames.fresh(options.prefix(), random));
    }

    @Override
    public List<String> removeLeftovers(String prefix) {
        if (DockerExecutor.engineUnavailable().isPresent()) {
            return List.of();
        }
        return LeftoverCleaner.removeDeadLabs(DockerExecutor.connect(), prefix);
    }
}
