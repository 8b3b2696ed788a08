package io.netrig.model.spec;

import java.util.Objects;

/**
 * How a container gets its network stack ({@code docker run --network}, compose's {@code network_mode}): its own
 * namespace attached to networks, the host's namespace, a namespace with only {@code lo}, or another container's.
 */
public sealed interface NetworkMode {
    NetworkMode ATTACHED = new Attached();
    NetworkMode HOST = new Host();
    NetworkMode NONE = new None();

    /** Its own namespace, with one interface per network it is attached to (the default). */
    record Attached() implements NetworkMode {
    }

    /** {@code --network host}: the host's namespace; published ports are discarded. */
    record Host() implements NetworkMode {
    }

    /** {@code --network none}: its own namespace with only the loopback interface. */
    record None() implements NetworkMode {
    }

    /** {@code --network container:NAME}: NAME's namespace. */
    record Container(String container) implements NetworkMode {
        public Container {
            Objects.requireNonNull(container, "container");
        }
    }

    /** The spelling of {@code network_mode}: {@code host}, {@code none}, {@code container:NAME}, or {@code bridge}. */
    default String specName() {
        return switch (this) {
            case Attached a -> "bridge";
            case Host h -> "host";
            case None n -> "none";
            case Container(String c) -> "container:" + c;
        };
    }
}
