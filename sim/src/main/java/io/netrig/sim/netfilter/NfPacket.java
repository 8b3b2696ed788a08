package io.netrig.sim.netfilter;

import io.netrig.sim.wire.Ipv4Packet;
import java.util.Objects;
import java.util.Optional;

/** An IPv4 packet inside one namespace with its conntrack attachment (Linux keeps it on the skb between hooks). */
public record NfPacket(Ipv4Packet ip, Optional<CtInfo> ct) {
    public NfPacket {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(ct, "ct");
    }

    public static NfPacket untracked(Ipv4Packet ip) {
        return new NfPacket(ip, Optional.empty());
    }

    public NfPacket withIp(Ipv4Packet value) {
        return new NfPacket(value, ct);
    }
}
