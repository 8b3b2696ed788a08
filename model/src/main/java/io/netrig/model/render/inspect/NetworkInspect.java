package io.netrig.model.render.inspect;

import io.netrig.model.render.inspect.DockerNetwork.Endpoint;
import io.netrig.model.render.inspect.DockerNetwork.IpamConfig;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code docker network inspect NAME} as Docker 20.10 prints it: a JSON array of network resources, indented by four
 * spaces, members in the order of the API's NetworkResource struct and map keys sorted.
 */
final class NetworkInspect {
    private NetworkInspect() {
    }

    /** The inspect output for the given networks (one for {@code docker network inspect NAME}), with a final newline. */
    static String render(List<DockerNetwork> networks) {
        return Json.write(Json.arr(networks.stream().map(NetworkInspect::json).toList()), "    ") + "\n";
    }

    static Json json(DockerNetwork n) {
        Json ipam = Json.object()
                .put("Driver", "default")
                .put("Options", n.ipamOptions().map(Json::strObj).orElse(Json.NULL))
                .put("Config", Json.arr(n.ipamConfig().stream().map(NetworkInspect::config).toList()))
                .build();
        Map<String, Json> containers = new LinkedHashMap<>();
        n.containers().stream().sorted(Comparator.comparing(Endpoint::containerId))
                .forEach(e -> containers.put(e.containerId(), endpoint(e)));
        return Json.object()
                .put("Name", n.name())
                .put("Id", n.id())
                .put("Created", n.created())
                .put("Scope", n.scope())
                .put("Driver", n.driver())
                .put("EnableIPv6", false)
                .put("IPAM", ipam)
                .put("Internal", n.internal())
                .put("Attachable", false)
                .put("Ingress", false)
                .put("ConfigFrom", Json.object().put("Network", "").build())
                .put("ConfigOnly", false)
                .put("Containers", Json.obj(containers))
                .put("Options", Json.strObj(n.options()))
                .put("Labels", Json.obj(Map.of()))
                .build();
    }

    /** libnetwork's IPAMConfig: Subnet, IPRange, Gateway, AuxiliaryAddresses, each left out when empty. */
    private static Json config(IpamConfig c) {
        Json.Builder b = Json.object().put("Subnet", c.subnet().toString());
        c.ipRange().ifPresent(r -> b.put("IPRange", r.toString()));
        c.gateway().ifPresent(g -> b.put("Gateway", g.toString()));
        if (!c.auxAddresses().isEmpty()) {
            Map<String, String> aux = new LinkedHashMap<>();
            c.auxAddresses().forEach((k, v) -> aux.put(k, v.toString()));
            b.put("AuxiliaryAddresses", Json.strObj(aux));
        }
        return b.build();
    }

    private static Json endpoint(Endpoint e) {
        return Json.object()
                .put("Name", e.name())
                .put("EndpointID", e.endpointId())
                .put("MacAddress", e.mac().map(Object::toString).orElse(""))
                .put("IPv4Address", e.ipv4().map(Object::toString).orElse(""))
                .put("IPv6Address", "")
                .build();
    }
}
