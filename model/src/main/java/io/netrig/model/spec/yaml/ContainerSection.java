package io.netrig.model.spec.yaml;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.spec.ContainerLink;
import io.netrig.model.spec.ContainerSpec;
import io.netrig.model.spec.EndpointSpec;
import io.netrig.model.spec.ListenSpec;
import io.netrig.model.spec.NetworkMode;
import io.netrig.model.spec.PortSpec;
import io.netrig.model.spec.PortSyntax;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code containers:} entries and their network attachments. */
final class ContainerSection {
    private ContainerSection() {
    }

    /**
     * @param defaultHost the host of a container that names none: the only Docker host, or "" when that is
     *                    ambiguous (the validator then asks for one)
     */
    static Optional<ContainerSpec> read(Field entry, String defaultHost) {
        String name = entry.name();
        String subject = "container '" + name + "'";
        return entry.mapping(subject).map(c -> {
            String host = c.field("host").flatMap(f -> f.text("the name of a Docker host")).orElse(defaultHost);
            Optional<Field> networksField = c.field("networks");
            List<EndpointSpec> endpoints = networksField.map(f -> readNetworks(f, subject)).orElse(List.of());
            Optional<NetworkMode> mode = c.field("network_mode").flatMap(f -> f.parsed(
                    "host, none, bridge or container:NAME", ContainerSection::networkMode));
            // docker run --network host|none: the predefined networks stand for a network mode, not an endpoint.
            Optional<EndpointSpec> special = endpoints.stream()
                    .filter(e -> e.network().equals("host") || e.network().equals("none")).findFirst();
            if (special.isPresent()) {
                if (endpoints.size() > 1 || mode.isPresent()) {
                    networksField.get().problem(subject + ": network '" + special.get().network() + "' cannot be combined with "
                            + "other networks or a network_mode (Docker: conflicting options: cannot attach both "
                            + "user-defined and non-user-defined network-modes)");
                }
                mode = Optional.of(special.get().network().equals("host") ? NetworkMode.HOST : NetworkMode.NONE);
                endpoints = List.of();
            } else if (mode.isPresent() && !(mode.get() instanceof NetworkMode.Attached) && !endpoints.isEmpty()) {
                networksField.get().problem(subject + ": network_mode " + mode.get().specName() + " cannot be combined with "
                        + "networks (Docker: conflicting options: cannot attach both user-defined and non-user-defined network-modes)");
                endpoints = List.of();
            }
            List<PortSpec> ports = new ArrayList<>();
            c.field("ports").flatMap(f -> f.list("published port")).ifPresent(items -> {
                for (Field item : items) {
                    item.parsed("[ip:][hostPort:]containerPort[/tcp|udp], e.g. 8080:80", PortSyntax::parsePublish)
                            .ifPresent(ports::addAll);
                }
            });
            Optional<List<ListenSpec>> listen = c.field("listen").map(ContainerSection::readListen);
            List<ListenSpec> expose = c.field("expose").map(ContainerSection::readListen).orElse(List.of());
            List<ContainerLink> links = new ArrayList<>();
            c.field("links").flatMap(f -> f.list("link")).ifPresent(items -> {
                for (Field item : items) {
                    item.parsed("CONTAINER or CONTAINER:ALIAS, as docker run --link takes it", ContainerLink::parse)
                            .ifPresent(links::add);
                }
            });
            c.finish();
            return new ContainerSpec(name, host, endpoints, mode.orElse(NetworkMode.ATTACHED), ports, listen, links, expose);
        });
    }

    /** compose's {@code network_mode}: {@code bridge} (attached to networks), {@code host}, {@code none}, {@code container:NAME}. */
    private static NetworkMode networkMode(String text) {
        return switch (text) {
            case "bridge" -> NetworkMode.ATTACHED;
            case "host" -> NetworkMode.HOST;
            case "none" -> NetworkMode.NONE;
            default -> {
                if (text.startsWith("container:") && text.length() > "container:".length()) {
                    yield new NetworkMode.Container(text.substring("container:".length()));
                }
                throw new IllegalArgumentException("is not a network mode (expected host, none, bridge or container:NAME)");
            }
        };
    }

    /** {@code listen: [80, 53/udp]}: each item a port with an optional protocol. */
    static List<ListenSpec> readListen(Field field) {
        List<ListenSpec> out = new ArrayList<>();
        field.list("listening port").ifPresent(items -> {
            for (Field item : items) {
                item.parsed("a port, e.g. 80 or 53/udp", PortSyntax::parseListen).ifPresent(l -> {
                    if (out.contains(l)) {
                        item.problem(item.lead() + " " + l + " is listed twice");
                    } else {
                        out.add(l);
                    }
                });
            }
        });
        return out;
    }

    /** Either a list of network names or a mapping name -> {ip, aliases}; the order is the interface order. */
    private static List<EndpointSpec> readNetworks(Field networks, String subject) {
        if (networks.isSequence()) {
            Map<String, EndpointSpec> byName = new LinkedHashMap<>();
            networks.list("network").ifPresent(items -> {
                for (Field item : items) {
                    item.text("the name of a network").ifPresent(network -> {
                        if (byName.containsKey(network)) {
                            item.problem(subject + ": network '" + network + "' is listed twice (expected each network once)");
                        } else {
                            byName.put(network, new EndpointSpec(network, Optional.empty(), List.of()));
                            item.locateAs(networks.path().child(network));
                        }
                    });
                }
            });
            return List.copyOf(byName.values());
        }
        List<EndpointSpec> endpoints = new ArrayList<>();
        networks.mapping(subject + " networks").ifPresent(m -> {
            for (Field e : m.namedEntries("network", false)) {
                String endpointSubject = subject + " network '" + e.name() + "'";
                e.mapping(endpointSubject).ifPresent(ep -> {
                    Optional<Ipv4Address> ip = ep.field("ip").flatMap(Field::address);
                    List<String> aliases = new ArrayList<>();
                    ep.field("aliases").flatMap(f -> f.list("alias")).ifPresent(items -> {
                        for (Field a : items) {
                            a.text("a DNS name").ifPresent(aliases::add);
                        }
                    });
                    ep.finish();
                    endpoints.add(new EndpointSpec(e.name(), ip, aliases));
                });
            }
            m.finish();
        });
        return endpoints;
    }
}
