package io.netrig.kernel.internal;

import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Probe;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.LoadBalancer;
import io.netrig.model.topology.LoadBalancerRules;
import io.netrig.model.topology.Topology;
import java.util.List;
import java.util.Objects;

/**
 * A kernel lab whose swarm load balancers were built as nat-table rules ({@link LoadBalancerRules#natEquivalent}) because
 * this kernel has no IPVS: each observation of a probe that meets one says so, as the simulator's say it met its IPVS.
 */
public final class NatBalancedLab implements Lab {
    private final Lab lab;
    private volatile Topology wanted;

    public NatBalancedLab(Lab lab, Topology wanted) {
        this.lab = Objects.requireNonNull(lab, "lab");
        this.wanted = Objects.requireNonNull(wanted, "wanted");
    }

    /** The lab itself, or the lab wrapped when {@code wanted} has load balancers. */
    public static Lab of(Lab lab, Topology wanted) {
        return wanted.loadBalancers().isEmpty() ? lab : new NatBalancedLab(lab, wanted);
    }

    @Override
    public Observation probe(Probe probe) {
        return noted(lab.probe(probe));
    }

    @Override
    public List<Observation> probeAll(List<Probe> probes) {
        return lab.probeAll(probes).stream().map(this::noted).toList();
    }

    private Observation noted(Observation o) {
        return LoadBalancerRules.serving(wanted, o.probe()).map(b -> new Observation(o.probe(), o.outcome(), o.rule(),
                o.detail() + "; load-balanced by nat rules standing in for IPVS (no IPVS in this kernel): " + describe(b), o.path(),
                o.answers())).orElse(o);
    }

    private static String describe(LoadBalancer b) {
        return "service " + b.service() + " " + b.frontend().describe() + " in " + b.namespace();
    }

    @Override
    public Capture capture(LinkRef where, CaptureFilter filter) {
        return lab.capture(where, filter);
    }

    @Override
    public Topology topology() {
        return lab.topology();
    }

    @Override
    public void update(Topology next) {
        lab.update(next);
        wanted = next;
    }

    @Override
    public void close() {
        lab.close();
    }
}
