package io.netrig.sim.wire;

/** A payload of an EtherType the simulator does not interpret; carried unchanged. */
public record OpaquePayload(int etherType, byte[] bytes) implements EtherPayload {
    @Override
    public byte[] encode() {
        return bytes.clone();
    }
}
