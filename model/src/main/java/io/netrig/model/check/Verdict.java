package io.netrig.model.check;

import io.netrig.model.backend.Observation;
import java.util.List;
import java.util.Objects;

/**
 * How one expectation fared on one or more backends: each backend's observation, whether each matched the
 * expectation, and (for several backends) whether they agree with each other.
 */
public record Verdict(Expectation expectation, List<BackendObservation> observations) {
    public Verdict {
        Objects.requireNonNull(expectation, "expectation");
        observations = List.copyOf(observations);
        if (observations.isEmpty()) {
            throw new IllegalArgumentException("a verdict needs at least one observation");
        }
    }

    public record BackendObservation(String backend, Observation observation) {
    }

    public boolean expectationHolds() {
        return observations.stream().allMatch(o -> expectation.expected().matches(o.observation().outcome()));
    }

    /** True when every backend saw the same outcome (and the same dropping rule where they name one). */
    public boolean backendsAgree() {
        Observation first = observations.getFirst().observation();
        return observations.stream().allMatch(o -> o.observation().agreesWith(first));
    }

    public boolean passed() {
        return expectationHolds() && backendsAgree();
    }
}
