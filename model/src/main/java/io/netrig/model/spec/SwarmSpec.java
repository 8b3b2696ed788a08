package io.netrig.model.spec;

import io.netrig.model.net.Ipv4Address;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A Docker host's part in a swarm ({@code docker swarm init} makes a manager, {@code docker swarm join} a manager or a
 * worker): its role, the address it advertises to the other nodes ({@code --advertise-addr}) and the one its VXLAN
 * data traffic uses ({@code --data-path-addr}, the advertise address when absent). Without either, the address of the
 * host's first interface.
 */
public record SwarmSpec(Role role, Optional<Ipv4Address> advertiseAddr, Optional<Ipv4Address> dataPathAddr) {
    /** A swarm node's role. */
    public enum Role {
        MANAGER, WORKER;

        public String specName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SwarmSpec {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(advertiseAddr, "advertiseAddr");
        Objects.requireNonNull(dataPathAddr, "dataPathAddr");
    }
}
