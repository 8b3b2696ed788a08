package io.netrig.model.spec.yaml;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.net.LinkName;
import io.netrig.model.net.MacAddress;
import io.netrig.model.spec.DaemonOptions;
import io.netrig.model.spec.HostSpec;
import io.netrig.model.spec.InterfaceSpec;
import io.netrig.model.spec.ListenSpec;
import io.netrig.model.spec.RouteSpec;
import io.netrig.model.spec.SwarmSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code hosts:} entries: Docker hosts and plain machines with their interfaces, routes and dockerd options. */
final class HostSection {
    private static final int MIN_MTU = 68;
    private static final int MAX_MTU = 65535;

    private HostSection() {
    }

    static Optional<HostSpec> read(Field entry) {
        String name = entry.name();
        String subject = "host '" + name + "'";
        return entry.mapping(subject).map(host -> {
            boolean docker = host.field("docker").flatMap(f -> f.bool(false)).orElse(true);
            Map<String, InterfaceSpec> interfaces = new LinkedHashMap<>();
            host.field("interfaces").flatMap(f -> f.mapping(subject + " interfaces")).ifPresent(m -> {
                for (Field i : m.namedEntries("interface", false)) {
                    readInterface(i, subject).ifPresent(spec -> interfaces.put(spec.name(), spec));
                }
                m.finish();
            });
            boolean forwarding = host.field("forwarding").flatMap(f -> f.bool(false)).orElse(docker);
            List<RouteSpec> routes = new ArrayList<>();
            host.field("routes").flatMap(f -> f.list("route")).ifPresent(items -> {
                for (Field item : items) {
                    readRoute(item).ifPresent(routes::add);
                }
            });
            DaemonOptions daemon = host.field("daemon").map(f -> {
                if (!docker && !f.isNull()) {
                    f.problem(subject + ": daemon options are only allowed on a Docker host (expected docker: true, "
                            + "or no daemon key on a plain machine)");
                }
                return readDaemon(f, subject);
            }).orElse(DaemonOptions.DEFAULTS);
            List<ListenSpec> listen = host.field("listen").map(ContainerSection::readListen).orElse(List.of());
            Optional<SwarmSpec> swarm = host.field("swarm").filter(f -> !f.isNull()).flatMap(f -> {
                if (!docker) {
                    f.problem(subject + ": only a Docker host can be a swarm node (expected docker: true)");
                }
                return readSwarm(f, subject);
            });
            host.finish();
            return new HostSpec(name, docker, interfaces, forwarding, routes, daemon, listen, swarm);
        });
    }

    private static Optional<InterfaceSpec> readInterface(Field entry, String hostSubject) {
        String name = entry.name();
        Optional<String> badName = LinkName.problem(name);
        badName.ifPresent(why -> entry.problemAtKey(hostSubject + ": " + why));
        String subject = "interface '" + name + "' of " + hostSubject;
        return entry.mapping(subject).flatMap(i -> {
            Optional<String> segment = i.required("segment", "the name of the segment this interface is plugged into")
                    .flatMap(f -> f.text("the name of a segment"));
            Optional<Ipv4Interface> address = i.field("address").flatMap(Field::interfaceAddress);
            Optional<MacAddress> mac = i.field("mac").flatMap(Field::mac);
            OptionalInt mtu = i.field("mtu").map(f -> f.integer(MIN_MTU, MAX_MTU, false)).orElse(OptionalInt.empty());
            i.finish();
            return segment.filter(s -> badName.isEmpty()).map(s -> new InterfaceSpec(name, s, address, mac, mtu));
        });
    }

    private static Optional<RouteSpec> readRoute(Field item) {
        String subject = item.lead();
        return item.mapping(subject).flatMap(r -> {
            Optional<Ipv4Prefix> to = r.required("to", "CIDR notation, e.g. 10.0.0.0/8, or default")
                    .flatMap(f -> f.prefix(true));
            Optional<Field> viaField = r.field("via").filter(f -> !f.isNull());
            Optional<Field> devField = r.field("dev").filter(f -> !f.isNull());
            Optional<Ipv4Address> via = viaField.flatMap(Field::address);
            Optional<String> dev = devField.flatMap(Field::linkName);
            int metric = r.field("metric").map(f -> f.integer(0, Integer.MAX_VALUE, false)).orElse(OptionalInt.empty())
                    .orElse(0);
            if (viaField.isEmpty() && devField.isEmpty()) {
                item.problem(subject + ": has neither via nor dev (expected via: a gateway address, dev: an interface"
                        + " name, or both)");
            }
            r.finish();
            boolean complete = viaField.isPresent() == via.isPresent() && devField.isPresent() == dev.isPresent()
                    && (via.isPresent() || dev.isPresent());
            return to.filter(t -> complete).map(t -> new RouteSpec(t, via, dev, metric));
        });
    }

    /** {@code swarm: manager}, or {@code swarm: {role: worker, advertise_addr: A, data_path_addr: B}}. */
    private static Optional<SwarmSpec> readSwarm(Field field, String hostSubject) {
        List<String> roles = List.of("manager", "worker");
        java.util.function.Function<String, Optional<SwarmSpec.Role>> role = text -> java.util.Arrays.stream(SwarmSpec.Role.values())
                .filter(r -> r.specName().equals(text)).findFirst();
        if (!field.isMapping()) {
            return field.choice("a swarm role", role, roles).map(r -> new SwarmSpec(r, Optional.empty(), Optional.empty()));
        }
        return field.mapping(hostSubject + " swarm").flatMap(m -> {
            Optional<SwarmSpec.Role> r = m.required("role", "manager or worker").flatMap(f -> f.choice("a swarm role", role, roles));
            Optional<Ipv4Address> advertise = m.field("advertise_addr", "advertise-addr").flatMap(Field::address);
            Optional<Ipv4Address> dataPath = m.field("data_path_addr", "data-path-addr").flatMap(Field::address);
            m.finish();
            return r.map(x -> new SwarmSpec(x, advertise, dataPath));
        });
    }

    private static DaemonOptions readDaemon(Field field, String hostSubject) {
        DaemonOptions d = DaemonOptions.DEFAULTS;
        return field.mapping(hostSubject + " daemon").map(m -> {
            var bip = m.field("bip").flatMap(Field::interfaceAddress);
            var fixedCidr = m.field("fixed_cidr", "fixed-cidr").flatMap(f -> f.prefix(false));
            boolean icc = m.field("icc").flatMap(f -> f.bool(false)).orElse(d.icc());
            boolean iptables = m.field("iptables").flatMap(f -> f.bool(false)).orElse(d.iptables());
            boolean masquerade = m.field("ip_masquerade", "ip-masq", "ip-masquerade").flatMap(f -> f.bool(false))
                    .orElse(d.ipMasquerade());
            int mtu = m.field("mtu").map(f -> f.integer(MIN_MTU, MAX_MTU, false)).orElse(OptionalInt.empty())
                    .orElse(d.mtu());
            boolean userlandProxy = m.field("userland_proxy", "userland-proxy").flatMap(f -> f.bool(false)).orElse(d.userlandProxy());
            var defaultGateway = m.field("default_gateway", "default-gateway").flatMap(Field::address);
            m.finish();
            return new DaemonOptions(bip, fixedCidr, icc, iptables, masquerade, mtu, userlandProxy, defaultGateway);
        }).orElse(d);
    }
}
