package io.netrig.sim.stack;

/** What sendmsg tells a local sender right away. */
public enum SendResult {
    SENT,
    /** "Network is unreachable": no route, nothing left the namespace. */
    NO_ROUTE,
    /** "Operation not permitted": a local OUTPUT/POSTROUTING rule dropped the packet. */
    DROPPED
}
