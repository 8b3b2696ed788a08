package io.netrig.model.spec;

import java.util.Objects;

/** A probe as a spec writes it: sender and target by name (host, container) or address. */
public sealed interface ProbeSpec {
    String from();

    String to();

    record PingSpec(String from, String to, int count) implements ProbeSpec {
        public PingSpec {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (count < 1 || count > 100) {
                throw new IllegalArgumentException("ping count must be 1-100, got " + count);
            }
        }
    }
}
