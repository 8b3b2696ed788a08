package io.netrig.model.topology;

import io.netrig.model.net.MacAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One network interface a link creates: where it lives, its MAC (empty: the kernel picks a random one,
 * the simulator a seeded one), MTU, and the bridge it is a port of, if any. Every interface is set up.
 */
public record Iface(LinkRef ref, Optional<MacAddress> mac, int mtu, Optional<BridgePort> port) {
    public static final int DEFAULT_MTU = 1500;

    public Iface {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(port, "port");
        if (mtu < 68 || mtu > 65535) {
            throw new IllegalArgumentException("MTU of " + ref + " must be 68-65535, got " + mtu);
        }
    }

    public static Iface of(LinkRef ref) {
        return new Iface(ref, Optional.empty(), DEFAULT_MTU, Optional.empty());
    }

    public Iface withMac(MacAddress address) {
        return new Iface(ref, Optional.of(address), mtu, port);
    }

    public Iface withMtu(int value) {
        return new Iface(ref, mac, value, port);
    }

    public Iface withPort(BridgePort bridgePort) {
        return new Iface(ref, mac, mtu, Optional.of(bridgePort));
    }
}
