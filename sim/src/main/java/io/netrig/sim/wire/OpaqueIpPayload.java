package io.netrig.sim.wire;

/** The payload of an IP protocol the simulator does not interpret (or a truncated one inside an ICMP error). */
public record OpaqueIpPayload(int protocol, byte[] bytes) implements IpPayload {
    @Override
    public byte[] encode() {
        return bytes.clone();
    }
}
