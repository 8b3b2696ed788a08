package io.netrig.sim.wire;

/** What an Ethernet frame carries. */
public sealed interface EtherPayload permits ArpPacket, Ipv4Packet, OpaquePayload {
    int etherType();

    byte[] encode();
}
