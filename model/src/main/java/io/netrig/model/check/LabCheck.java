package io.netrig.model.check;

import io.netrig.model.backend.Lab;
import io.netrig.model.backend.Observation;
import io.netrig.model.spec.LabSpec;
import io.netrig.model.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a spec's {@code expect:} list on running labs (one per backend) and gives one verdict per expectation. */
public final class LabCheck {
    private LabCheck() {
    }

    public static List<Expectation> expectations(LabSpec spec, Topology topology) {
        ProbeResolver resolver = new ProbeResolver(topology);
        return spec.expect().stream().map(e -> new Expectation(resolver.resolve(e.probe()), e.result())).toList();
    }

    /** @param labs running labs by backend name, in the order their columns should appear */
    public static List<Verdict> run(List<Expectation> expectations, Map<String, Lab> labs) {
        Map<String, List<Observation>> seen = new LinkedHashMap<>();
        labs.forEach((backend, lab) -> seen.put(backend, lab.probeAll(expectations.stream().map(Expectation::probe).toList())));
        List<Verdict> out = new ArrayList<>();
        for (int i = 0; i < expectations.size(); i++) {
            List<Verdict.BackendObservation> row = new ArrayList<>();
            for (var e : seen.entrySet()) {
                row.add(new Verdict.BackendObservation(e.getKey(), e.getValue().get(i)));
            }
            out.add(new Verdict(expectations.get(i), row));
        }
        return out;
    }
}
