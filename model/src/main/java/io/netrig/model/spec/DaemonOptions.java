package io.netrig.model.spec;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import java.util.Objects;
import java.util.Optional;

/**
 * dockerd options of one host (daemon.json / command-line flags): the default bridge's address {@code bip}
 * (default 172.17.0.1/16), {@code fixed-cidr}, inter-container communication, whether Docker manages
 * iptables, outbound masquerading, the default bridge's MTU, the userland proxy for published ports
 * ({@code userland-proxy}; off means hairpin NAT in iptables instead) and {@code default-gateway}, the default route of
 * containers on the default bridge.
 */
public record DaemonOptions(Optional<Ipv4Interface> bip, Optional<Ipv4Prefix> fixedCidr, boolean icc, boolean iptables,
                            boolean ipMasquerade, int mtu, boolean userlandProxy, Optional<Ipv4Address> defaultGateway) {
    public static final DaemonOptions DEFAULTS = new DaemonOptions(Optional.empty(), Optional.empty(), true, true, true, 1500,
            true, Optional.empty());

    public DaemonOptions {
        Objects.requireNonNull(bip, "bip");
        Objects.requireNonNull(fixedCidr, "fixedCidr");
        Objects.requireNonNull(defaultGateway, "defaultGateway");
        if (mtu < 68 || mtu > 65535) {
            throw new IllegalArgumentException("daemon mtu must be 68-65535, got " + mtu);
        }
    }
}
