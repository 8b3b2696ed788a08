package io.netrig.model.spec.yaml;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.spec.NetworkDriver;
import io.netrig.model.spec.NetworkSpec;
import io.netrig.model.spec.OverlayOptions;
import io.netrig.model.topology.IpvlanMode;
import io.netrig.model.topology.MacvlanMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code networks:} entries, as {@code docker network create} takes them. */
final class NetworkSection {
    static final String BRIDGE_NAME = "com.docker.network.bridge.name";
    static final String ENABLE_ICC = "com.docker.network.bridge.enable_icc";
    static final String ENABLE_IP_MASQUERADE = "com.docker.network.bridge.enable_ip_masquerade";
    static final String DRIVER_MTU = "com.docker.network.driver.mtu";
    static final String HOST_BINDING_IPV4 = "com.docker.network.bridge.host_binding_ipv4";
    static final String VXLANID_LIST = "com.docker.network.driver.overlay.vxlanid_list";

    private NetworkSection() {
    }

    static Optional<NetworkSpec> read(Field entry) {
        String name = entry.name();
        String subject = "network '" + name + "'";
        NetworkSpec defaults = NetworkSpec.bridge(name);
        return entry.mapping(subject).map(n -> {
            List<String> drivers = Arrays.stream(NetworkDriver.values()).map(NetworkDriver::dockerName).toList();
            NetworkDriver driver = n.field("driver")
                    .flatMap(f -> f.choice("a Docker network driver", NetworkDriver::tryParse, drivers))
                    .orElse(NetworkDriver.BRIDGE);
            Optional<String> host = n.field("host").flatMap(f -> f.text("the name of a Docker host"));
            List<Located<Ipv4Prefix>> subnets = oneOrMore(n.field("subnet"), "subnet", f -> f.prefix(false));
            List<Located<Ipv4Address>> gateways = oneOrMore(n.field("gateway"), "gateway", Field::address);
            Optional<Ipv4Prefix> subnet = subnets.stream().findFirst().map(Located::value);
            Optional<Ipv4Address> gateway;
            List<NetworkSpec.Pool> morePools = new ArrayList<>();
            if (subnets.size() <= 1) {
                gateway = gateways.stream().findFirst().map(Located::value);
                gateways.stream().skip(1).forEach(g -> g.field().problem(subject + ": gateway " + g.value()
                        + " has no subnet of its own (Docker: cannot have more gateways than subnets)"));
            } else {
                // docker network create pairs each --gateway with the --subnet that holds it
                java.util.Map<Ipv4Prefix, Ipv4Address> byPool = new java.util.LinkedHashMap<>();
                for (Located<Ipv4Address> g : gateways) {
                    subnets.stream().map(Located::value).filter(sn -> sn.contains(g.value())).findFirst().ifPresentOrElse(
                            sn -> byPool.putIfAbsent(sn, g.value()),
                            () -> g.field().problem(subject + ": no matching subnet for gateway " + g.value()));
                }
                gateway = Optional.ofNullable(byPool.get(subnet.orElseThrow()));
                subnets.stream().skip(1).map(Located::value)
                        .forEach(sn -> morePools.add(new NetworkSpec.Pool(sn, Optional.ofNullable(byPool.get(sn)))));
            }
            Optional<Ipv4Prefix> ipRange = n.field("ip_range", "ip-range").flatMap(f -> f.prefix(false));
            Map<String, Ipv4Address> aux = new LinkedHashMap<>();
            n.field("aux_addresses", "aux-addresses").flatMap(f -> f.mapping(subject + " aux_addresses")).ifPresent(m -> {
                for (Field a : m.namedEntries("aux address", false)) {
                    a.address().ifPresent(ip -> aux.put(a.name(), ip));
                }
                m.finish();
            });
            boolean internal = n.field("internal").flatMap(f -> f.bool(false)).orElse(false);
            boolean attachable = n.field("attachable").flatMap(f -> f.bool(false)).orElse(false);
            boolean ingress = n.field("ingress").flatMap(f -> f.bool(false)).orElse(false);
            Optional<Boolean> encrypted = n.field("encrypted").flatMap(f -> f.bool(false));
            Optional<String> parent = n.field("parent").flatMap(Field::linkName);
            Optional<MacvlanMode> mode = n.field("macvlan_mode").flatMap(NetworkSection::macvlanMode);
            Optional<IpvlanMode> ipvlanMode = n.field("ipvlan_mode").flatMap(NetworkSection::ipvlanMode);
            Options options = n.field("options").flatMap(f -> f.mapping(subject + " options")).map(NetworkSection::readOptions)
                    .orElse(Options.DEFAULTS);
            n.finish();
            return new NetworkSpec(name, driver, host, subnet, gateway, ipRange, aux, internal, options.bridgeName(),
                    options.enableIcc().orElse(defaults.enableIcc()),
                    options.enableIpMasquerade().orElse(defaults.enableIpMasquerade()), options.mtu(),
                    parent.or(options::parent), mode.or(options::macvlanMode).orElse(MacvlanMode.BRIDGE),
                    options.hostBindingIpv4(), ipvlanMode.or(options::ipvlanMode).orElse(IpvlanMode.L2), morePools,
                    new OverlayOptions(attachable, options.vni(), ingress, encrypted.orElse(options.encrypted())));
        });
    }

    private record Options(Optional<String> bridgeName, Optional<Boolean> enableIcc, Optional<Boolean> enableIpMasquerade,
                           OptionalInt mtu, Optional<String> parent, Optional<MacvlanMode> macvlanMode,
                           Optional<Ipv4Address> hostBindingIpv4, Optional<IpvlanMode> ipvlanMode, OptionalInt vni, boolean encrypted) {
        static final Options DEFAULTS = new Options(Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(), false);
    }

    private static Optional<MacvlanMode> macvlanMode(Field f) {
        return f.choice("a macvlan mode", MacvlanMode::tryParse, Arrays.stream(MacvlanMode.values()).map(MacvlanMode::ipName).toList());
    }

    /** A value read from one field, and that field (to report a problem at it). */
    private record Located<T>(T value, Field field) {
    }

    /** A key that takes one value or a list of them, as repeated {@code --subnet} / {@code --gateway} flags do. */
    private static <T> List<Located<T>> oneOrMore(Optional<Field> field, String itemKey, java.util.function.Function<Field, Optional<T>> read) {
        List<Located<T>> out = new ArrayList<>();
        field.ifPresent(f -> {
            if (f.isSequence()) {
                f.list(itemKey).ifPresent(items -> items.forEach(item -> read.apply(item).ifPresent(v -> out.add(new Located<>(v, item)))));
            } else {
                read.apply(f).ifPresent(v -> out.add(new Located<>(v, f)));
            }
        });
        return out;
    }

    private static Optional<IpvlanMode> ipvlanMode(Field f) {
        return f.choice("an ipvlan mode", IpvlanMode::tryParse, Arrays.stream(IpvlanMode.values()).map(IpvlanMode::ipName).toList());
    }

    /** Docker's option keys, or their last part as a short form; values may be strings, as the Docker CLI passes them. */
    private static Options readOptions(MappingReader o) {
        Optional<String> bridgeName = o.field(BRIDGE_NAME, "bridge_name").flatMap(Field::linkName);
        Optional<Boolean> icc = o.field(ENABLE_ICC, "enable_icc").flatMap(f -> f.bool(true));
        Optional<Boolean> masquerade = o.field(ENABLE_IP_MASQUERADE, "enable_ip_masquerade").flatMap(f -> f.bool(true));
        Optional<Ipv4Address> hostBinding = o.field(HOST_BINDING_IPV4, "host_binding_ipv4").flatMap(Field::address);
        OptionalInt mtu = o.field(DRIVER_MTU, "mtu").map(f -> f.integer(68, 65535, true)).orElse(OptionalInt.empty());
        // macvlan's own -o keys, as `docker network create -d macvlan -o parent=ens160 -o macvlan_mode=bridge` passes them
        Optional<String> parent = o.field("parent").flatMap(Field::linkName);
        Optional<MacvlanMode> mode = o.field("macvlan_mode").flatMap(NetworkSection::macvlanMode);
        Optional<IpvlanMode> ipvlanMode = o.field("ipvlan_mode").flatMap(NetworkSection::ipvlanMode);
        // the overlay driver's VNI option; Docker takes a comma-separated list, one VNI per subnet
        OptionalInt vni = o.field(VXLANID_LIST, "vxlanid_list").map(f -> f.integer(1, 16_777_215, true)).orElse(OptionalInt.empty());
        // --opt encrypted: Docker passes it with an empty value
        boolean encrypted = o.field("encrypted").flatMap(Field::flag).orElse(false);
        o.finish();
        return new Options(bridgeName, icc, masquerade, mtu, parent, mode, hostBinding, ipvlanMode, vni, encrypted);
    }
}
