package io.netrig.docker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrig.model.NetrigException;
import io.netrig.model.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the machine's namespaces, links and routes as JSON ({@code ip -j}), never from human-readable output. */
public final class MachineState {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MachineState() {
    }

    public static List<String> namespaces(DockerExecutor executor) {
        return field(executor.check(MachineCommand.listNamespaces()).stdout(), "name");
    }

    public static List<String> rootLinks(DockerExecutor executor) {
        return field(executor.check(MachineCommand.listRootLinks()).stdout(), "ifname");
    }

    /** Destinations the machine's own namespace routes, with the device (the default route left out). */
    public static List<RootRoute> rootRoutes(DockerExecutor executor) {
        List<RootRoute> out = new ArrayList<>();
        for (JsonNode r : parse(executor.check(MachineCommand.rootRoutes()).stdout())) {
            String dst = r.path("dst").asText("");
            Optional<Ipv4Prefix> prefix = dst.contains("/") ? Ipv4Prefix.tryParse(dst)
                    : io.netrig.model.net.Ipv4Address.tryParse(dst).map(a -> Ipv4Prefix.of(a, 32));
            prefix.ifPresent(p -> out.add(new RootRoute(p, r.path("dev").asText("?"))));
        }
        return out;
    }

    /** The IPv4 addresses of a link of the machine's own namespace (docker0's is the default bridge's gateway). */
    public static List<io.netrig.model.net.Ipv4Interface> rootAddresses(DockerExecutor executor, String link) {
        List<io.netrig.model.net.Ipv4Interface> out = new ArrayList<>();
        for (JsonNode l : parse(executor.check(MachineCommand.rootAddresses(link)).stdout())) {
            for (JsonNode a : l.path("addr_info")) {
                if ("inet".equals(a.path("family").asText())) {
                    out.add(io.netrig.model.net.Ipv4Interface.of(io.netrig.model.net.Ipv4Address.parse(a.path("local").asText()), a.path("prefixlen").asInt()));
                }
            }
        }
        return out;
    }

    public record RootRoute(Ipv4Prefix destination, String dev) {
    }

    private static List<String> field(String json, String name) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : parse(json)) {
            if (n.hasNonNull(name)) {
                out.add(n.get(name).asText());
            }
        }
        return out;
    }

    private static JsonNode parse(String json) {
        if (json.isBlank()) {
            return JSON.createArrayNode();
        }
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new NetrigException("cannot read ip's JSON output: " + e.getMessage(), e);
        }
    }
}
