package io.netrig.model.topology;

import java.util.Objects;

/** Why a kernel object exists, in the user's terms ("network 'frontend' bridge", "container 'web' endpoint on 'frontend'"). */
public record Provenance(String text) {
    public Provenance {
        Objects.requireNonNull(text, "text");
    }

    public static Provenance of(String text) {
        return new Provenance(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
