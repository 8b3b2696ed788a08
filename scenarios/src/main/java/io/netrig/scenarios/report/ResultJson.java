package io.netrig.scenarios.report;

import io.netrig.model.backend.Observation;
import io.netrig.model.check.Verdict;
import io.netrig.model.render.TopologyJson;
import java.util.List;
import java.util.stream.Collectors;

/** Verdicts as JSON for machines ({@code netrig check --json}). */
public final class ResultJson {
    private ResultJson() {
    }

    public static String render(String lab, List<Verdict> verdicts) {
        String items = verdicts.stream().map(ResultJson::verdict).collect(Collectors.joining(",\n    "));
        boolean passed = verdicts.stream().allMatch(Verdict::passed);
        return "{\n  \"lab\": " + str(lab) + ",\n  \"passed\": " + passed + ",\n  \"results\": [\n    " + items + "\n  ]\n}\n";
    }

    private static String verdict(Verdict v) {
        String obs = v.observations().stream().map(o -> observation(o.backend(), o.observation())).collect(Collectors.joining(", "));
        return "{\"probe\": " + str(v.expectation().probe().describe()) + ", \"from\": " + str(v.expectation().probe().from())
                + ", \"to\": " + str(v.expectation().probe().address().map(Object::toString).orElse(v.expectation().probe().label())) + ", \"expected\": " + str(v.expectation().expected().specName())
                + ", \"holds\": " + v.expectationHolds() + ", \"backendsAgree\": " + v.backendsAgree() + ", \"observations\": [" + obs + "]}";
    }

    private static String observation(String backend, Observation o) {
        return "{\"backend\": " + str(backend) + ", \"outcome\": " + str(o.outcome().name())
                + (o.answers().isEmpty() ? "" : ", \"answers\": [" + o.answers().stream().map(a -> str(a.toString()))
                .collect(Collectors.joining(", ")) + "]")
                + o.rule().map(r -> ", \"rule\": {\"namespace\": " + str(r.namespace()) + ", \"table\": " + str(r.table().iptablesName())
                + ", \"chain\": " + str(r.chain()) + ", \"index\": " + r.index() + ", \"text\": " + str(r.text()) + "}").orElse("")
                + ", \"detail\": " + str(o.detail()) + "}";
    }

    private static String str(String s) {
        return TopologyJson.str(s);
    }
}
