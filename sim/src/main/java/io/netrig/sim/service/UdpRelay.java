package io.netrig.sim.service;

import io.netrig.model.net.Ipv4Address;
import io.netrig.sim.core.Trace;
import io.netrig.sim.stack.IpStack;
import io.netrig.sim.stack.UdpHandler;
import io.netrig.sim.stack.UdpSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * docker-proxy for a published UDP port: each client (address and port) gets a socket connected to the target from
 * the host's namespace; what the target answers goes back to the client from the proxy's own socket. Errors on the
 * target socket (port unreachable) are ignored, so a client of a silent target hears nothing. A flow idle for 90 s
 * (UDPConnTrackTimeout) is forgotten.
 */
final class UdpRelay implements UdpHandler {
    private static final long IDLE_NANOS = 90_000_000_000L;

    private record Client(Ipv4Address address, int port) {
    }

    /** One client's socket to the target; what the target answers goes back to the client from the proxy's socket. */
    private final class Flow implements UdpHandler {
        private final Client client;
        private final UdpSocket listener;
        private UdpSocket backend;
        private long lastUsed;

        private Flow(Client client, UdpSocket listener) {
            this.client = client;
            this.listener = listener;
        }

        @Override
        public void received(UdpSocket socket, Ipv4Address from, int fromPort, byte[] reply, Trace trace) {
            lastUsed = clock.getAsLong();
            listener.sendTo(client.address(), client.port(), reply, trace);
        }
    }

    private final IpStack host;
    private final Ipv4Address target;
    private final int targetPort;
    private final LongSupplier clock;
    private final Map<Client, Flow> flows = new HashMap<>();

    UdpRelay(IpStack host, Ipv4Address target, int targetPort, LongSupplier clock) {
        this.host = host;
        this.target = target;
        this.targetPort = targetPort;
        this.clock = clock;
    }

    @Override
    public void received(UdpSocket listener, Ipv4Address from, int fromPort, byte[] data, Trace trace) {
        Client client = new Client(from, fromPort);
        long now = clock.getAsLong();
        Flow flow = flows.get(client);
        if (flow != null && now - flow.lastUsed > IDLE_NANOS) {
            flow.backend.close();
            flows.remove(client);
            flow = null;
        }
        if (flow == null) {
            flow = new Flow(client, listener);
            Optional<UdpSocket> backend = host.udp().connect(target, targetPort, flow);
            if (backend.isEmpty()) {
                return;
            }
            flow.backend = backend.get();
            flows.put(client, flow);
        }
        flow.lastUsed = now;
        if (trace.recording()) {
            trace.step(host.namespace() + ": docker-proxy relays to " + target + ":" + targetPort);
        }
        flow.backend.send(data, trace);
    }
}
