package io.netrig.model.spec;

import io.netrig.model.ipam.AddressPlan;
import java.util.Objects;

/** A spec that passed validation, with its implicit parts filled in, and the addresses IPAM chose for it. */
public record ValidatedLab(LabSpec spec, AddressPlan addresses) {
    public ValidatedLab {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(addresses, "addresses");
    }
}
