package io.netrig.sim.netfilter;

import io.netrig.model.firewall.CtState;
import java.util.Objects;
import java.util.Optional;

/** What conntrack attached to a packet: its state, its connection (none when INVALID), and its direction. */
public record CtInfo(CtState state, Optional<Connection> connection, boolean replyDirection) {
    public CtInfo {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(connection, "connection");
    }

    public static CtInfo invalid() {
        return new CtInfo(CtState.INVALID, Optional.empty(), false);
    }
}
