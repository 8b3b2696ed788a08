package io.netrig.sim.internal;

import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Probe;

/** Runs a probe in a built network, from its sender's namespace. */
public final class Probes {
    private Probes() {
    }

    public static Observation run(SimNetwork network, Probe probe) {
        return switch (probe) {
            case Probe.Ping ping -> new PingRun(network.sim(), network.stack(ping.from()), ping).run();
            case Probe.Tcp tcp -> new TcpRun(network.sim(), network.stack(tcp.from()), tcp).run();
            case Probe.Udp udp -> new UdpRun(network.sim(), network.stack(udp.from()), udp).run();
        };
    }
}
