package io.netrig.model.spec;

import io.netrig.model.Problem;
import io.netrig.model.ipam.AddressPlan;
import java.util.List;
import java.util.Objects;

/** A spec that passed validation, with its implicit parts filled in, and the addresses IPAM chose for it. */
public record ValidatedLab(LabSpec spec, AddressPlan addresses, List<Problem> warnings) {
    public ValidatedLab {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(addresses, "addresses");
        warnings = List.copyOf(warnings);
    }

    public ValidatedLab(LabSpec spec, AddressPlan addresses) {
        this(spec, addresses, List.of());
    }
}
