package io.netrig.sim.service;

import io.netrig.model.dns.DnsMessage;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.DnsServer;
import io.netrig.sim.core.Trace;
import io.netrig.sim.stack.UdpHandler;
import io.netrig.sim.stack.UdpSocket;
import java.util.Optional;

/**
 * Docker's embedded DNS server on its UDP socket: a query for a name it has records for is answered NOERROR with
 * those addresses (an AAAA or other query for such a name: NOERROR without answers), any other name SERVFAIL, as
 * Docker answers when it has no upstream to forward to. What does not decode as a query is ignored.
 */
final class DnsResponder implements UdpHandler {
    private final DnsServer server;

    DnsResponder(DnsServer server) {
        this.server = server;
    }

    @Override
    public void received(UdpSocket socket, Ipv4Address from, int fromPort, byte[] data, Trace trace) {
        Optional<DnsMessage> reply = server.answer(data);
        if (reply.isEmpty()) {
            return;
        }
        DnsMessage answer = reply.get();
        if (trace.recording()) {
            trace.step(server.namespace() + ": DNS " + server.address() + " answers " + answer.name() + " "
                    + DnsMessage.rcodeName(answer.rcode()) + " " + answer.answers());
        }
        socket.sendTo(from, fromPort, answer.encode(), trace);
    }
}
