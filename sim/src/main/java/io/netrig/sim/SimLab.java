package io.netrig.sim;

import io.netrig.model.NetrigException;
import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Probe;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Topology;
import io.netrig.sim.internal.NetworkBuilder;
import io.netrig.sim.internal.Probes;
import io.netrig.sim.internal.SimNetwork;
import io.netrig.sim.pcap.PcapCapture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A topology running in the simulator. Probes run one after another on the lab's single clock, so state such as
 * neighbour caches and conntrack carries over between them as it would on a real machine.
 */
public final class SimLab implements Lab {
    private Topology topology;
    private final LabOptions options;
    private final SimNetwork network;
    private final List<PcapCapture> captures = new ArrayList<>();
    private boolean closed;

    SimLab(Topology topology, LabOptions options, SimNetwork network) {
        this.topology = topology;
        this.options = options;
        this.network = network;
    }

    @Override
    public synchronized Observation probe(Probe probe) {
        requireOpen();
        return Probes.run(network, topology, probe);
    }

    @Override
    public synchronized Capture capture(LinkRef where, CaptureFilter filter) {
        requireOpen();
        String file = options.prefix() + "-" + where.namespace() + "-" + where.name() + "-" + (captures.size() + 1) + ".pcap";
        Path path = options.workDir().resolve(file);
        PcapCapture capture = new PcapCapture(network.device(where), filter, path);
        captures.add(capture);
        return capture;
    }

    @Override
    public synchronized Topology topology() {
        return topology;
    }

    /**
     * Applies the difference between the running topology and {@code next} to the simulation, at the current
     * simulated time (see {@link NetworkBuilder} for how each kind of object is changed: links that changed are
     * deleted and created again, routing tables and changed rulesets replaced, everything else added or removed one
     * by one). Namespaces that stay keep their neighbour caches, conntrack and sockets; captures on surviving
     * interfaces keep running. The simulator cannot roll back a change that fails half-way: the exception says so,
     * and the lab should then be closed.
     */
    @Override
    public synchronized void update(Topology next) {
        requireOpen();
        if (!next.name().equals(topology.name())) {
            throw new NetrigException("lab '" + topology.name() + "' cannot become '" + next.name()
                    + "': an update must keep the lab's name");
        }
        try {
            NetworkBuilder.update(network, topology, next);
        } catch (RuntimeException e) {
            throw new NetrigException("lab '" + topology.name() + "': update failed part-way, the simulated lab is now "
                    + "between the two topologies (close it): " + e.getMessage(), e);
        }
        topology = next;
    }

    /** The simulated network, for tests and tools that look inside. */
    public SimNetwork network() {
        return network;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        captures.forEach(PcapCapture::abandon);
    }

    private void requireOpen() {
        if (closed) {
            throw new NetrigException("lab '" + topology.name() + "' is closed");
        }
    }
}
