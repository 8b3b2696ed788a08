package io.netrig.model.check;

import io.netrig.model.NetrigException;
import io.netrig.model.backend.Probe;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.spec.ProbeSpec;
import io.netrig.model.topology.DnsServer;
import io.netrig.model.topology.Topology;
import java.util.List;
import java.util.Optional;

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
                    new Probe.Ping(sender(from), address(from, to), to, count, Probe.Ping.DEFAULT_TIMEOUT);
            case ProbeSpec.TcpSpec(String from, String to, int port) ->
                    new Probe.Tcp(sender(from), address(from, to), to, port, Probe.Tcp.DEFAULT_TIMEOUT);
            case ProbeSpec.UdpSpec(String from, String to, int port) ->
                    new Probe.Udp(sender(from), address(from, to), to, port, Probe.Udp.DEFAULT_TIMEOUT);
            case ProbeSpec.LookupSpec(String from, String name) -> new Probe.Lookup(sender(from), name, Probe.Lookup.DEFAULT_TIMEOUT);
        };
    }

    /** The namespace a probe from {@code from} is sent in: its own, or the one it shares (host or container mode). */
    public String sender(String from) {
        return topology.namespaceOf(from).orElseThrow(() -> new NetrigException("probe sender '" + from
                + "' is not a host or container of lab '" + topology.name() + "'"));
    }

    /** The address a probe from {@code from} to {@code to} (a name or an IPv4 address) is sent to. */
    public Ipv4Address address(String from, String to) {
        String fromNs = sender(from);
        var literal = Ipv4Address.tryParse(to);
        if (literal.isPresent()) {
            return literal.get();
        }
        Optional<String> toNs = topology.namespaceOf(to);
        if (toNs.isEmpty()) {
            // a name only the sender's embedded DNS knows (a network alias, a swarm service, tasks.<service>): its first answer
            return topology.servicesIn(fromNs).stream().filter(DnsServer.class::isInstance).map(DnsServer.class::cast)
                    .flatMap(dns -> dns.lookup(to).stream()).findFirst()
                    .orElseThrow(() -> new NetrigException("probe target '" + to + "' is neither an IPv4 address, a host or container of lab '"
                            + topology.name() + "', nor a name the embedded DNS of '" + from + "' answers"));
        }
        List<Ipv4Address> candidates = topology.ipsOf(toNs.get());
        if (candidates.isEmpty() && toNs.get().equals(fromNs)) {
            // its own namespace, which has only lo (network_mode none): as `ping localhost` would
            return Ipv4Address.parse("127.0.0.1");
        }
        if (candidates.isEmpty()) {
            throw new NetrigException("probe target '" + to + "' has no IPv4 address to send to");
        }
        List<Ipv4Prefix> near = topology.connectedPrefixes(fromNs);
        return candidates.stream().filter(a -> near.stream().anyMatch(p -> p.contains(a))).findFirst()
                .orElse(candidates.getFirst());
    }
}
