package io.netrig.sim.stack;

import io.netrig.sim.core.Trace;
import io.netrig.sim.wire.IcmpMessage;
import io.netrig.sim.wire.Ipv4Packet;

/** A local socket's view of ICMP: what a ping process receives (echo replies and errors), nothing more. */
@FunctionalInterface
public interface IcmpListener {
    void onIcmp(Ipv4Packet packet, IcmpMessage message, Trace trace);
}
