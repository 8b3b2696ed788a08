package io.netrig.sim.internal;

import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Probe;
import io.netrig.model.topology.Topology;

/** Runs a probe in a built network, from its sender's namespace. */
public final class Probes {
    private Probes() {
    }

    /** Runs {@code probe}; {@code topology} is what the network runs now (a lookup reads its resolver files). */
    public static Observation run(SimNetwork network, Topology topology, Probe probe) {
        return switch (probe) {
            case Probe.Ping ping -> new PingRun(network.sim(), network.stack(ping.from()), ping).run();
            case Probe.Tcp tcp -> new TcpRun(network.sim(), network.stack(tcp.from()), tcp).run();
            case Probe.Udp udp -> new UdpRun(network.sim(), network.stack(udp.from()), udp).run();
            case Probe.Lookup lookup -> new LookupRun(network.sim(), network.stack(lookup.from()), lookup,
                    topology.resolverIn(lookup.from())).run();
        };
    }
}
