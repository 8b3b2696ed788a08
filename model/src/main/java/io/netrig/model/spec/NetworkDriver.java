package io.netrig.model.spec;

import java.util.Locale;
import java.util.Optional;

/** Docker network drivers. Only those marked as lowered can be run today; the rest are refused by name. */
public enum NetworkDriver {
    BRIDGE(true), HOST(false), NONE(false), MACVLAN(true), IPVLAN(true), OVERLAY(true);

    private final boolean lowered;

    NetworkDriver(boolean lowered) {
        this.lowered = lowered;
    }

    public boolean lowered() {
        return lowered;
    }

    public String dockerName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<NetworkDriver> tryParse(String text) {
        for (NetworkDriver d : values()) {
            if (d.dockerName().equals(text)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
