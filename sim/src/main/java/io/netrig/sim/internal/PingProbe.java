package io.netrig.sim.internal;

import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Probe;

/** Runs a ping probe in a built network. */
public final class PingProbe {
    private PingProbe() {
    }

    public static Observation run(SimNetwork network, Probe.Ping ping) {
        return new PingRun(network.sim(), network.stack(ping.from()), ping).run();
    }
}
