package io.netrig.model.check;

import io.netrig.model.NetrigException;
import io.netrig.model.backend.Probe;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.spec.ProbeSpec;
import io.netrig.model.topology.Topology;
import java.util.List;

/**
 * Turns probes written with names into probes with addresses. A name is a host or container (a namespace of the
 * lowered lab); of its addresses, one on a subnet the sender is attached to is preferred (as a user pinging a
 * neighbour would pick), otherwise its first one (a host's first NIC, a container's eth0).
 */
public final class ProbeResolver {
    private final Topology topology;

    public ProbeResolver(Topology topology) {
        this.topology = topology;
    }

    public Probe resolve(ProbeSpec spec) {
        return switch (spec) {
            case ProbeSpec.PingSpec(String from, String to, int count) ->
                    new Probe.Ping(from, address(from, to), to, count, Probe.Ping.DEFAULT_TIMEOUT);
        };
    }

    /** The address a probe from {@code from} to {@code to} (a name or an IPv4 address) is sent to. */
    public Ipv4Address address(String from, String to) {
        if (topology.namespace(from).isEmpty()) {
            throw new NetrigException("probe sender '" + from + "' is not a host or container of lab '" + topology.name() + "'");
        }
        var literal = Ipv4Address.tryParse(to);
        if (literal.isPresent()) {
            return literal.get();
        }
        if (topology.namespace(to).isEmpty()) {
            throw new NetrigException("probe target '" + to + "' is neither an IPv4 address nor a host or container of lab '"
                    + topology.name() + "'");
        }
        List<Ipv4Address> candidates = topology.ipsOf(to);
        if (candidates.isEmpty()) {
            throw new NetrigException("probe target '" + to + "' has no IPv4 address to send to");
        }
        List<Ipv4Prefix> near = topology.connectedPrefixes(from);
        return candidates.stream().filter(a -> near.stream().anyMatch(p -> p.contains(a))).findFirst()
                .orElse(candidates.getFirst());
    }
}
