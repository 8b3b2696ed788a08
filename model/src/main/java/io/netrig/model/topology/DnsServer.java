package io.netrig.model.topology;

import io.netrig.model.dns.DnsMessage;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.net.Ipv4Address;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Docker's embedded DNS server of one container: it listens on {@code 127.0.0.11} (UDP) at {@code port} in the
 * container's namespace, where a DNAT in the container's nat table sends queries for {@code 127.0.0.11:53}, and answers A queries for the names of the containers that share a user-defined network with it (their
 * names, network aliases and short IDs), with their addresses on that network. A name it has no record for gets
 * SERVFAIL: netrig's labs have no upstream resolver to forward to. A known name asked for another type (AAAA) gets
 * NOERROR without answers.
 */
public record DnsServer(String namespace, Ipv4Address address, int port, List<DnsRecord> records, Provenance provenance)
        implements Service {
    /** Docker's embedded DNS address. */
    public static final Ipv4Address EMBEDDED_ADDRESS = Ipv4Address.parse("127.0.0.11");
    public static final int DNS_PORT = 53;

    public DnsServer {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(address, "address");
        records = List.copyOf(records);
        Objects.requireNonNull(provenance, "provenance");
        Service.checkPort("DNS server port", port);
    }

    @Override
    public IpProtocol protocol() {
        return IpProtocol.UDP;
    }

    /**
     * The server's answer to a datagram: for a query, its records (NOERROR; a query of another type than A for a known
     * name gets NOERROR without answers) or SERVFAIL for a name it does not know; empty for what is not a query.
     */
    public Optional<DnsMessage> answer(byte[] datagram) {
        return DnsMessage.decode(datagram).filter(q -> !q.response()).map(q -> {
            List<Ipv4Address> known = lookup(q.name());
            return known.isEmpty() ? q.answer(DnsMessage.SERVFAIL, List.of()) : q.answer(DnsMessage.NOERROR, known);
        });
    }

    /** The addresses recorded for a name, in record order (empty: the server does not know it). */
    public List<Ipv4Address> lookup(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        String bare = key.endsWith(".") ? key.substring(0, key.length() - 1) : key;
        return records.stream().filter(r -> r.name().equals(bare)).map(DnsRecord::address).distinct().toList();
    }
}
