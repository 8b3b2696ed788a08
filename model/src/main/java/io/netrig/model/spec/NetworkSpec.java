package io.netrig.model.spec;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Prefix;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import io.netrig.model.topology.MacvlanMode;

/**
 * A Docker network as {@code docker network create} makes it. Absent subnet/gateway are chosen by Docker's IPAM.
 * Bridge options: {@code bridgeName} (com.docker.network.bridge.name), {@code enableIcc}
 * (…bridge.enable_icc), {@code enableIpMasquerade} (…bridge.enable_ip_masquerade), {@code mtu}
 * (com.docker.network.driver.mtu), {@code hostBindingIpv4} (…bridge.host_binding_ipv4: the host address published
 * ports bind to when {@code -p} names none). Macvlan: {@code parent} (-o parent=ens160), the host interface its endpoints sit on,
 * and {@code macvlanMode} (-o macvlan_mode, default bridge).
 */
public record NetworkSpec(String name, NetworkDriver driver, Optional<String> host, Optional<Ipv4Prefix> subnet,
                          Optional<Ipv4Address> gateway, Optional<Ipv4Prefix> ipRange, Map<String, Ipv4Address> auxAddresses,
                          boolean internal, Optional<String> bridgeName, boolean enableIcc, boolean enableIpMasquerade,
                          OptionalInt mtu, Optional<String> parent, MacvlanMode macvlanMode,
                          Optional<Ipv4Address> hostBindingIpv4) {
    public NetworkSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(ipRange, "ipRange");
        auxAddresses = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(auxAddresses));
        Objects.requireNonNull(bridgeName, "bridgeName");
        Objects.requireNonNull(mtu, "mtu");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(macvlanMode, "macvlanMode");
        Objects.requireNonNull(hostBindingIpv4, "hostBindingIpv4");
    }

    /** A bridge network with every option at Docker's default. */
    public static NetworkSpec bridge(String name) {
        return new NetworkSpec(name, NetworkDriver.BRIDGE, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), false, Optional.empty(), true, true, OptionalInt.empty(), Optional.empty(), MacvlanMode.BRIDGE,
                Optional.empty());
    }

    /** The same network on another host (used when the host is implied). */
    public NetworkSpec withHost(String hostName) {
        return new NetworkSpec(name, driver, Optional.of(hostName), subnet, gateway, ipRange, auxAddresses, internal, bridgeName,
                enableIcc, enableIpMasquerade, mtu, parent, macvlanMode, hostBindingIpv4);
    }
}
