package io.netrig.sim;

import io.netrig.model.backend.Capabilities;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabBackend;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.topology.Topology;
import io.netrig.sim.internal.NetworkBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The simulator backend: runs a topology as a deterministic discrete-event model of Linux networking. */
public final class SimBackend implements LabBackend {
    private static final Logger LOG = LoggerFactory.getLogger(SimBackend.class);

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.all();
    }

    @Override
    public Lab start(Topology topology, LabOptions options) {
        LOG.info("starting simulated lab '{}' ({} namespaces, {} links, seed {})", topology.name(),
                topology.namespaces().size(), topology.links().size(), options.seed());
        return new SimLab(topology, options, NetworkBuilder.build(topology, options.seed()));
    }
}
