package io.netrig.model.spec;

import io.netrig.model.backend.Outcome;
import java.util.Locale;
import java.util.Optional;

/** What a spec expects of a probe: {@code ok}, {@code fail} (anything but ok), or one precise outcome. */
public enum ExpectedResult {
    OK, FAIL, DROPPED, NO_ROUTE, UNREACHABLE, REFUSED, TIMEOUT, NOT_FOUND;

    public boolean matches(Outcome outcome) {
        return switch (this) {
            case OK -> outcome == Outcome.REACHED;
            case FAIL -> outcome != Outcome.REACHED;
            case DROPPED -> outcome == Outcome.DROPPED;
            case NO_ROUTE -> outcome == Outcome.NO_ROUTE;
            case UNREACHABLE -> outcome == Outcome.UNREACHABLE;
            case REFUSED -> outcome == Outcome.REFUSED;
            case TIMEOUT -> outcome == Outcome.TIMEOUT;
            case NOT_FOUND -> outcome == Outcome.NOT_FOUND;
        };
    }

    /** The spelling used in specs and tables: ok, fail, dropped, no-route, unreachable, refused, timeout, not-found. */
    public String specName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ExpectedResult> tryParse(String text) {
        for (ExpectedResult r : values()) {
            if (r.specName().equals(text)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
