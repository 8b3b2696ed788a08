package io.netrig.model.topology;

/** What an emulated network namespace stands for. */
public enum NamespaceKind {
    /** A machine of the lab: a Docker host, router, LAN peer or "the internet". */
    HOST,
    /** A container's network namespace. */
    CONTAINER,
    /** An underlay L2 segment: a switch (a bridge in a namespace of its own). */
    SEGMENT,
    /** An overlay network's namespace on one Docker host (Docker's {@code 1-<id>}): its bridge br0 and vxlan0. */
    OVERLAY
}
