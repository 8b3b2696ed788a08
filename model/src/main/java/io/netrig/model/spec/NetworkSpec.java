package io.netrig.model.spec;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.topology.IpvlanMode;
import io.netrig.model.topology.MacvlanMode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Docker network as {@code docker network create} makes it. Absent subnet/gateway are chosen by Docker's IPAM.
 * Bridge options: {@code bridgeName} (com.docker.network.bridge.name), {@code enableIcc}
 * (…bridge.enable_icc), {@code enableIpMasquerade} (…bridge.enable_ip_masquerade), {@code mtu}
 * (com.docker.network.driver.mtu), {@code hostBindingIpv4} (…bridge.host_binding_ipv4: the host address published
 * ports bind to when {@code -p} names none). Macvlan: {@code parent} (-o parent=ens160), the host interface its endpoints sit on,
 * and {@code macvlanMode} (-o macvlan_mode, default bridge). Ipvlan: {@code parent} likewise and {@code ipvlanMode}
 * (-o ipvlan_mode, default l2). A macvlan or ipvlan network without a parent, or an internal one, gets a dummy parent
 * (an island); a parent written {@code IF.VLAN} is an 802.1q sub-interface that the network creates.
 */
public record NetworkSpec(String name, NetworkDriver driver, Optional<String> host, Optional<Ipv4Prefix> subnet,
                          Optional<Ipv4Address> gateway, Optional<Ipv4Prefix> ipRange, Map<String, Ipv4Address> auxAddresses,
                          boolean internal, Optional<String> bridgeName, boolean enableIcc, boolean enableIpMasquerade,
                          OptionalInt mtu, Optional<String> parent, MacvlanMode macvlanMode,
                          Optional<Ipv4Address> hostBindingIpv4, IpvlanMode ipvlanMode, List<Pool> morePools,
                          OverlayOptions overlay) {
    /**
     * A further IPv4 pool of the network (a second {@code --subnet}, with the {@code --gateway} inside it if one was
     * given): macvlan and ipvlan networks may have several; {@code subnet}/{@code gateway} are the first.
     */
    public record Pool(Ipv4Prefix subnet, Optional<Ipv4Address> gateway) {
        public Pool {
            Objects.requireNonNull(subnet, "subnet");
            Objects.requireNonNull(gateway, "gateway");
        }
    }

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
        Objects.requireNonNull(ipvlanMode, "ipvlanMode");
        morePools = List.copyOf(morePools);
        Objects.requireNonNull(overlay, "overlay");
    }

    /** A network that is not an overlay. */
    public NetworkSpec(String name, NetworkDriver driver, Optional<String> host, Optional<Ipv4Prefix> subnet,
                       Optional<Ipv4Address> gateway, Optional<Ipv4Prefix> ipRange, Map<String, Ipv4Address> auxAddresses,
                       boolean internal, Optional<String> bridgeName, boolean enableIcc, boolean enableIpMasquerade,
                       OptionalInt mtu, Optional<String> parent, MacvlanMode macvlanMode,
                       Optional<Ipv4Address> hostBindingIpv4, IpvlanMode ipvlanMode, List<Pool> morePools) {
        this(name, driver, host, subnet, gateway, ipRange, auxAddresses, internal, bridgeName, enableIcc, enableIpMasquerade,
                mtu, parent, macvlanMode, hostBindingIpv4, ipvlanMode, morePools, OverlayOptions.DEFAULTS);
    }

    /** A swarm-scoped overlay network: it lives on every swarm node that runs a container or task on it. */
    public boolean swarmScoped() {
        return driver == NetworkDriver.OVERLAY;
    }

    /** A network with one pool at most. */
    public NetworkSpec(String name, NetworkDriver driver, Optional<String> host, Optional<Ipv4Prefix> subnet,
                       Optional<Ipv4Address> gateway, Optional<Ipv4Prefix> ipRange, Map<String, Ipv4Address> auxAddresses,
                       boolean internal, Optional<String> bridgeName, boolean enableIcc, boolean enableIpMasquerade,
                       OptionalInt mtu, Optional<String> parent, MacvlanMode macvlanMode,
                       Optional<Ipv4Address> hostBindingIpv4, IpvlanMode ipvlanMode) {
        this(name, driver, host, subnet, gateway, ipRange, auxAddresses, internal, bridgeName, enableIcc, enableIpMasquerade,
                mtu, parent, macvlanMode, hostBindingIpv4, ipvlanMode, List.of());
    }

    /** A network that is not an ipvlan one (its ipvlan mode stays at the default, l2). */
    public NetworkSpec(String name, NetworkDriver driver, Optional<String> host, Optional<Ipv4Prefix> subnet,
                       Optional<Ipv4Address> gateway, Optional<Ipv4Prefix> ipRange, Map<String, Ipv4Address> auxAddresses,
                       boolean internal, Optional<String> bridgeName, boolean enableIcc, boolean enableIpMasquerade,
                       OptionalInt mtu, Optional<String> parent, MacvlanMode macvlanMode,
                       Optional<Ipv4Address> hostBindingIpv4) {
        this(name, driver, host, subnet, gateway, ipRange, auxAddresses, internal, bridgeName, enableIcc, enableIpMasquerade,
                mtu, parent, macvlanMode, hostBindingIpv4, IpvlanMode.L2, List.of());
    }

    /**
     * The MTU of an overlay network's interfaces, as libnetwork's maxMTU works it out: the {@code mtu} option (or 1500)
     * less VXLAN's 50 bytes, and on an encrypted network less ESP's expansion (26) too, rounded down to a multiple of 4.
     */
    public int overlayMtu() {
        int value = mtu.orElse(io.netrig.model.topology.Iface.DEFAULT_MTU) - io.netrig.model.topology.Vxlan.OVERHEAD;
        if (overlay.encrypted()) {
            value -= io.netrig.model.topology.IpsecAssociation.PACKET_EXPANSION;
            value -= value % 4;
        }
        return value;
    }

    /** Whether its endpoints are children of a host interface (macvlan, ipvlan) rather than bridge ports. */
    public boolean childOfParent() {
        return driver == NetworkDriver.MACVLAN || driver == NetworkDriver.IPVLAN;
    }

    /**
     * The 802.1q sub-interface name and VLAN id when the parent is written {@code IF.VLAN} ({@code ens160.50}), as
     * libnetwork's createVlanLink reads it.
     */
    public Optional<Integer> parentVlanId() {
        return parent.filter(p -> p.contains(".")).map(p -> p.substring(p.lastIndexOf('.') + 1))
                .filter(v -> v.chars().allMatch(Character::isDigit) && !v.isEmpty() && v.length() <= 5).map(Integer::parseInt);
    }

    /** A bridge network with every option at Docker's default. */
    public static NetworkSpec bridge(String name) {
        return new NetworkSpec(name, NetworkDriver.BRIDGE, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), false, Optional.empty(), true, true, OptionalInt.empty(), Optional.empty(), MacvlanMode.BRIDGE,
                Optional.empty());
    }

    /** The same network with other overlay options. */
    public NetworkSpec withOverlay(OverlayOptions options) {
        return new NetworkSpec(name, driver, host, subnet, gateway, ipRange, auxAddresses, internal, bridgeName,
                enableIcc, enableIpMasquerade, mtu, parent, macvlanMode, hostBindingIpv4, ipvlanMode, morePools, options);
    }

    /** The same network on another host (used when the host is implied). */
    public NetworkSpec withHost(String hostName) {
        return new NetworkSpec(name, driver, Optional.of(hostName), subnet, gateway, ipRange, auxAddresses, internal, bridgeName,
                enableIcc, enableIpMasquerade, mtu, parent, macvlanMode, hostBindingIpv4, ipvlanMode, morePools, overlay);
    }
}
