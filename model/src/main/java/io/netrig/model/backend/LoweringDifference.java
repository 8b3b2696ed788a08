package io.netrig.model.backend;

import java.util.Objects;

/**
 * One way in which what a real engine built differs from netrig's lowering of the same spec: {@code subject} says
 * which object (a network's subnet, a container's MAC on a network, a rule of a chain), {@code lowering} and
 * {@code engine} what each has there ("(none)" when one side lacks it).
 */
public record LoweringDifference(String subject, String lowering, String engine) {
    public static final String NONE = "(none)";

    public LoweringDifference {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(lowering, "lowering");
        Objects.requireNonNull(engine, "engine");
    }

    @Override
    public String toString() {
        return subject + ": lowering " + lowering + ", engine " + engine;
    }
}
