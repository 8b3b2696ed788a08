package io.netrig.model.spec.yaml;

import io.netrig.model.spec.ListenSpec;
import io.netrig.model.spec.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code services:} entries: swarm services as {@code docker service create} makes them. */
final class ServiceSection {
    private ServiceSection() {
    }

    static Optional<ServiceSpec> read(Field entry) {
        String name = entry.name();
        String subject = "service '" + name + "'";
        return entry.mapping(subject).map(s -> {
            List<String> networks = names(s.field("networks"), "network", subject);
            boolean global = s.field("mode").flatMap(f -> f.choice("service mode", ServiceSection::mode, List.of("replicated", "global")))
                    .orElse(false);
            int replicas = s.field("replicas").map(f -> f.integer(0, 1000, true)).filter(java.util.OptionalInt::isPresent)
                    .map(java.util.OptionalInt::getAsInt).orElse(1);
            if (global && s.has("replicas")) {
                s.field("replicas").ifPresent(f -> f.problem(subject + ": replicas can only be used with replicated mode "
                        + "(Docker: replicas can only be used with replicated or replicated-job mode)"));
            }
            List<String> placement = names(s.field("placement"), "node", subject);
            List<ServiceSpec.ServicePort> ports = new ArrayList<>();
            s.field("ports").flatMap(f -> f.list("published port")).ifPresent(items -> {
                for (Field item : items) {
                    item.parsed("published=P,target=T[,protocol=udp][,mode=host] or P:T[/udp]", ServiceSpec.ServicePort::parse)
                            .ifPresent(ports::add);
                }
            });
            ServiceSpec.EndpointMode endpointMode = s.field("endpoint_mode").flatMap(f -> f.choice("endpoint mode",
                    ServiceSection::endpointMode, List.of("vip", "dnsrr"))).orElse(ServiceSpec.EndpointMode.VIP);
            Optional<List<ListenSpec>> listen = s.field("listen").map(ContainerSection::readListen);
            s.finish();
            return new ServiceSpec(name, networks, global ? 0 : replicas, global, placement, ports, endpointMode, listen);
        });
    }

    private static List<String> names(Optional<Field> field, String what, String subject) {
        List<String> out = new ArrayList<>();
        field.flatMap(f -> f.list(what)).ifPresent(items -> {
            for (Field item : items) {
                item.text("the name of a " + what).ifPresent(n -> {
                    if (out.contains(n)) {
                        item.problem(subject + ": " + what + " '" + n + "' is listed twice");
                    } else {
                        out.add(n);
                    }
                });
            }
        });
        return out;
    }

    private static Optional<Boolean> mode(String text) {
        return switch (text) {
            case "replicated" -> Optional.of(false);
            case "global" -> Optional.of(true);
            default -> Optional.empty();
        };
    }

    private static Optional<ServiceSpec.EndpointMode> endpointMode(String text) {
        return switch (text) {
            case "vip" -> Optional.of(ServiceSpec.EndpointMode.VIP);
            case "dnsrr" -> Optional.of(ServiceSpec.EndpointMode.DNSRR);
            default -> Optional.empty();
        };
    }
}
