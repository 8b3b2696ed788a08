package io.netrig.sim.wire;

/** What an IPv4 packet carries. */
public sealed interface IpPayload permits IcmpMessage, OpaqueIpPayload {
    int protocol();

    byte[] encode();
}
