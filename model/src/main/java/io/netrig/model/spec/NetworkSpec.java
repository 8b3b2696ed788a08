package io.netrig.model.spec;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Prefix;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Docker network as {@code docker network create} makes it. Absent subnet/gateway are chosen by Docker's IPAM.
 * Bridge options: {@code bridgeName} (com.docker.network.bridge.name), {@code enableIcc}
 * (…bridge.enable_icc), {@code enableIpMasquerade} (…bridge.enable_ip_masquerade), {@code mtu}
 * (com.docker.network.driver.mtu).
 */
public record NetworkSpec(String name, NetworkDriver driver, Optional<String> host, Optional<Ipv4Prefix> subnet,
                          Optional<Ipv4Address> gateway, Optional<Ipv4Prefix> ipRange, Map<String, Ipv4Address> auxAddresses,
                          boolean internal, Optional<String> bridgeName, boolean enableIcc, boolean enableIpMasquerade,
                          OptionalInt mtu) {
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
    }

    /** A bridge network with every option at Docker's default. */
    public static NetworkSpec bridge(String name) {
        return new NetworkSpec(name, NetworkDriver.BRIDGE, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), false, Optional.empty(), true, true, OptionalInt.empty());
    }
}
