package io.netrig.scenarios.fuzz;

import io.netrig.model.spec.ProbeSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One generated lab: the seed it came from, its spec (without {@code expect:}) and the probes to run on it, written
 * with names and addresses as a spec's probes are.
 */
record FuzzLab(long seed, SpecTree spec, List<ProbeSpec> probes) {
    FuzzLab {
        probes = List.copyOf(probes);
    }

    String name() {
        return "fuzz-" + seed;
    }

    /** The spec text the backends run (no expectations: the probes are compared between backends). */
    String yaml() {
        return spec.yaml();
    }

    FuzzLab withSpec(SpecTree other) {
        return new FuzzLab(seed, other, probes);
    }

    FuzzLab withProbes(List<ProbeSpec> other) {
        return new FuzzLab(seed, spec, other);
    }

    /** The spec with an {@code expect:} list: each probe and the result word given for it. */
    String yamlWithExpectations(List<String> results) {
        Map<String, Object> root = spec.root();
        List<Object> expect = new java.util.ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            expect.add(expectation(probes.get(i), results.get(i)));
        }
        root.put("expect", expect);
        return new SpecTree(root).yaml();
    }

    static Map<String, Object> expectation(ProbeSpec probe, String result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", probe.from());
        body.put("to", probe.to());
        switch (probe) {
            case ProbeSpec.TcpSpec t -> body.put("port", t.port());
            case ProbeSpec.UdpSpec u -> body.put("port", u.port());
            case ProbeSpec.PingSpec p -> {
            }
            case ProbeSpec.LookupSpec l -> {
                body.remove("to");
                body.put("name", l.name());
            }
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put(probe.kind(), body);
        line.put("result", result);
        return line;
    }
}
