package io.netrig.sim.internal;

import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.net.Ipv4Address;
import io.netrig.sim.core.Simulator;
import io.netrig.sim.core.Trace;
import io.netrig.sim.stack.IpStack;
import io.netrig.sim.stack.SendResult;
import io.netrig.sim.stack.UdpHandler;
import io.netrig.sim.stack.UdpSocket;
import io.netrig.sim.wire.IcmpMessage;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One datagram from a connected UDP socket, then waiting for an answer until the timeout. The socket hears every
 * ICMP error about what it sent, as one with IP_RECVERR does: port unreachable is REFUSED (ECONNREFUSED), other
 * destination-unreachable or time-exceeded errors UNREACHABLE.
 */
final class UdpRun extends ProbeRun implements UdpHandler {
    static final byte[] PAYLOAD = "netrig\n".getBytes(StandardCharsets.US_ASCII);

    private final Probe.Udp udp;
    private Optional<UdpSocket> socket = Optional.empty();
    private boolean noRoute;
    private boolean sendRefused;
    private long repliedAt = -1;
    private Optional<String> error = Optional.empty();
    private boolean refused;

    UdpRun(Simulator sim, IpStack stack, Probe.Udp udp) {
        super(sim, stack, udp);
        this.udp = udp;
    }

    @Override
    long durationNanos() {
        return udp.timeout().toNanos();
    }

    @Override
    void begin() {
        Trace trace = newTrace(true);
        socket = stack.udp().connect(udp.to(), udp.port(), this);
        if (socket.isEmpty()) {
            traceNoRoute(trace);
            noRoute = true;
            return;
        }
        SendResult sent = socket.get().send(PAYLOAD, trace);
        noRoute = sent == SendResult.NO_ROUTE;
        sendRefused = sent == SendResult.DROPPED;  // sendmsg fails with EPERM: a local rule dropped it
    }

    @Override
    boolean finished() {
        return noRoute || sendRefused || repliedAt >= 0 || error.isPresent();
    }

    @Override
    void end() {
        socket.ifPresent(UdpSocket::close);
    }

    @Override
    public void received(UdpSocket s, Ipv4Address from, int fromPort, byte[] data, Trace trace) {
        if (repliedAt < 0) {
            repliedAt = sim.now();
        }
    }

    @Override
    public void error(UdpSocket s, Ipv4Address from, IcmpMessage m, Trace trace) {
        if (error.isEmpty() && (m.type() == IcmpMessage.DEST_UNREACHABLE || m.type() == IcmpMessage.TIME_EXCEEDED)) {
            refused = m.type() == IcmpMessage.DEST_UNREACHABLE && m.code() == IcmpMessage.CODE_PORT_UNREACHABLE;
            error = Optional.of(m.errorText() + " from " + from);
        }
    }

    @Override
    Observation observation() {
        String target = udp.to() + " port " + udp.port();
        if (repliedAt >= 0) {
            return outcome(Outcome.REACHED, "answer from " + target + " after " + sinceStart(repliedAt));
        }
        if (error.isPresent()) {
            return outcome(refused ? Outcome.REFUSED : Outcome.UNREACHABLE, "udp to " + target + ": " + error.get());
        }
        if (noRoute) {
            return outcome(Outcome.NO_ROUTE, "udp to " + target + ": Network is unreachable");
        }
        return unanswered("udp to " + target + ": no answer within " + udp.timeout().toMillis() + " ms");
    }
}
