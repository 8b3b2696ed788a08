package io.netrig.kernel.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.netrig.model.NetrigException;
import io.netrig.model.net.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** State read back from the kernel as JSON ({@code ip -j}), never by parsing human-readable output. */
public final class IpQuery {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IpQuery() {
    }

    public static Command netnsList() {
        return Command.of(List.of("ip", "-j", "netns", "list"));
    }

    /** Links of a namespace, or of the machine's own namespace when {@code ns} is empty (read only). */
    public static Command links(Optional<String> ns) {
        List<String> argv = new ArrayList<>(List.of("ip", "-j"));
        ns.ifPresent(n -> argv.addAll(List.of("-n", n)));
        argv.addAll(List.of("link", "show"));
        Command c = Command.of(argv);
        return ns.map(c::inNamespace).orElse(c);
    }

    /** The route namespace {@code ns} would use for {@code dst}: {@code ip -j -n NS route get DST} (read only). */
    public static Command routeGet(String ns, Ipv4Address dst) {
        return Command.of(List.of("ip", "-j", "-n", ns, "route", "get", dst.toString())).inNamespace(ns);
    }

    /** The neighbour entry of {@code address} on {@code dev}: {@code ip -j -n NS neigh show to ADDR dev DEV} (read only). */
    public static Command neighbour(String ns, Ipv4Address address, String dev) {
        return Command.of(List.of("ip", "-j", "-n", ns, "neigh", "show", "to", address.toString(), "dev", dev)).inNamespace(ns);
    }

    /** The next hop a route of {@code ip -j route get} sends to: its gateway, or the destination itself on a link. */
    public record NextHop(Ipv4Address address, String dev) {
    }

    public static Optional<NextHop> nextHop(String json) {
        for (JsonNode route : tree(json, "a route")) {
            String hop = route.hasNonNull("gateway") ? route.get("gateway").asText() : route.path("dst").asText();
            Optional<Ipv4Address> address = Ipv4Address.tryParse(hop);
            if (address.isPresent() && route.hasNonNull("dev")) {
                return Optional.of(new NextHop(address.get(), route.get("dev").asText()));
            }
        }
        return Optional.empty();
    }

    /** The NUD states ({@code REACHABLE}, {@code FAILED}, {@code INCOMPLETE}...) of {@code ip -j neigh show} entries. */
    public static List<String> neighbourStates(String json) {
        List<String> out = new ArrayList<>();
        for (JsonNode entry : tree(json, "neighbour entries")) {
            entry.path("state").forEach(s -> out.add(s.asText()));
        }
        return List.copyOf(out);
    }

    private static JsonNode tree(String json, String what) {
        if (json.isBlank()) {
            return JSON.createArrayNode();
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new NetrigException("could not read ip's JSON output (expected " + what + "): " + e.getOriginalMessage(), e);
        }
    }

    /** The {@code name} fields of {@code ip -j netns list}. */
    public static List<String> namespaceNames(String json) {
        return field(json, "name");
    }

    /** The {@code ifname} fields of {@code ip -j link show}. */
    public static List<String> linkNames(String json) {
        return field(json, "ifname");
    }

    private static List<String> field(String json, String name) {
        if (json.isBlank()) {
            return List.of();   // older iproute2 prints nothing at all when there is nothing to list
        }
        try {
            List<String> out = new ArrayList<>();
            for (JsonNode node : JSON.readTree(json)) {
                if (node.hasNonNull(name)) {
                    out.add(node.get(name).asText());
                }
            }
            return List.copyOf(out);
        } catch (JsonProcessingException e) {
            throw new NetrigException("could not read ip's JSON output (expected a list of objects with '" + name + "'): " + e.getOriginalMessage(), e);
        }
    }
}
