package io.netrig.kernel.internal;

import io.netrig.model.firewall.RuleRef;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What a verdict may ask about a probe once it has ended; each question is answered only when asked, since each
 * reads the kernel (counters, neighbour table) with a process or two.
 *
 * @param dropRule the DROP or REJECT rule (or DROP policy) whose counter grew while the probe ran
 * @param arpFailed whether the sender's next hop toward the target has no link-layer address ({@link NeighbourCheck})
 */
public record Evidence(Supplier<Optional<RuleRef>> dropRule, BooleanSupplier arpFailed) {
    public Evidence {
        Objects.requireNonNull(dropRule, "dropRule");
        Objects.requireNonNull(arpFailed, "arpFailed");
    }

    Optional<RuleRef> rule() {
        return dropRule.get();
    }

    boolean arpFailedForTarget() {
        return arpFailed.getAsBoolean();
    }
}
