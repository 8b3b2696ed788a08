package io.netrig.model.lower;

import io.netrig.model.spec.LabSpec;
import io.netrig.model.spec.SpecValidator;
import io.netrig.model.spec.ValidatedLab;
import io.netrig.model.topology.Topology;

/** From spec to topology: validate (every problem at once), then lower as the spec's Docker generation does. */
public final class Lowering {
    private Lowering() {
    }

    /** @throws io.netrig.model.SpecException listing every problem of the spec */
    public static Topology lower(LabSpec spec) {
        return lower(SpecValidator.validate(spec));
    }

    public static Topology lower(ValidatedLab lab) {
        // Only one generation exists so far; DockerSettings refuses the others by name.
        return DockerLowering.lower(lab);
    }
}
