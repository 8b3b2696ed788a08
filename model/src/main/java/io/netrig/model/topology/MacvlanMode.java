package io.netrig.model.topology;

import java.util.Locale;
import java.util.Optional;

/** How a macvlan interface forwards between itself, its siblings on the same parent, and the parent's wire. */
public enum MacvlanMode {
    /** Siblings reach each other directly; everything else goes out of the parent. The parent itself is not reachable. */
    BRIDGE,
    /** No traffic between siblings at all, not even through an outside switch that hairpins it. */
    PRIVATE,
    /** Everything goes out of the parent; siblings meet only if the outside switch sends frames back (hairpin). */
    VEPA,
    /** One child takes over the parent and its MAC. */
    PASSTHRU;

    public String ipName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MacvlanMode> tryParse(String text) {
        for (MacvlanMode m : values()) {
            if (m.ipName().equals(text)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
