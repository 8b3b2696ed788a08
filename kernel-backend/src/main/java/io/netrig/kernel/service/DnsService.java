package io.netrig.kernel.service;

import io.netrig.kernel.netns.NamespaceThreads;
import io.netrig.model.dns.DnsMessage;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.DnsServer;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DnsServer} (Docker's embedded DNS) as a UDP socket in the container's namespace, normally on
 * {@code 127.0.0.11} at its port (a DNAT in the container takes port 53 there), speaking the shared {@link DnsMessage} codec: an A query for a name it has records for gets
 * them (NOERROR), a query of another type for such a name gets NOERROR with no answers (what glibc expects for AAAA
 * of an IPv4-only container), an unknown name SERVFAIL (netrig's labs have no upstream to forward to). A datagram that
 * is not a query with one question is ignored, as a server does with garbage.
 */
final class DnsService {
    private static final Logger LOG = LoggerFactory.getLogger(DnsService.class);
    private static final int MAX_QUERY = 512;

    private DnsService() {
    }

    /** @param localAddresses the addresses of the server's namespace (used only when it binds 0.0.0.0) */
    static UdpResponder start(DnsServer server, String kernelNs, NamespaceThreads ns, List<Ipv4Address> localAddresses) throws IOException {
        return UdpResponder.start(server, kernelNs, ns, localAddresses, MAX_QUERY, "dns", query -> server.answer(query).map(reply -> {
            LOG.debug("dns in {}: {} type {} -> {} {}", server.namespace(), reply.name(), reply.qtype(),
                    DnsMessage.rcodeName(reply.rcode()), reply.answers());
            return reply.encode();
        }));
    }

}
