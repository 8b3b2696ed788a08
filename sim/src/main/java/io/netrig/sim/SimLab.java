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
    private final Topology topology;
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
        return Probes.run(network, probe);
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
    public Topology topology() {
        return topology;
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
