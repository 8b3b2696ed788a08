package io.netrig.model.spec.yaml;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.spec.ContainerSpec;
import io.netrig.model.spec.EndpointSpec;
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
            List<EndpointSpec> endpoints = c.field("networks").map(f -> readNetworks(f, subject)).orElse(List.of());
            c.finish();
            return new ContainerSpec(name, host, endpoints);
        });
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
