package io.netrig.kernel.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.netrig.model.NetrigException;
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
