package io.netrig.sim.internal;

import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.sim.core.Simulator;
import io.netrig.sim.core.Trace;
import io.netrig.sim.stack.IpStack;
import io.netrig.sim.stack.TcpConnection;
import io.netrig.sim.stack.TcpFailure;
import io.netrig.sim.stack.TcpHandler;
import java.util.Optional;

/**
 * One {@code nc -z -w TIMEOUT HOST PORT}: connect(), and once connected close() again (so a FIN handshake follows
 * the three-way one). The kernel retransmits the SYN after 1 s, 3 s, 7 s …; at the timeout nc gives up and the
 * socket is dropped silently. The outcome is that of connect(): connected, refused (RST or ICMP port unreachable),
 * another ICMP error, no route; else DROPPED when a rule dropped one of its packets, or TIMEOUT.
 */
final class TcpRun extends ProbeRun implements TcpHandler {
    private final Probe.Tcp tcp;
    private Optional<TcpConnection> connection = Optional.empty();
    private Optional<TcpFailure> failure = Optional.empty();
    private boolean noRoute;
    private long connectedAt = -1;
    private boolean closed;

    TcpRun(Simulator sim, IpStack stack, Probe.Tcp tcp) {
        super(sim, stack, tcp);
        this.tcp = tcp;
    }

    @Override
    long durationNanos() {
        return tcp.timeout().toNanos();
    }

    @Override
    void begin() {
        Trace trace = newTrace(true);
        connection = stack.tcp().connect(tcp.to(), tcp.port(), this, trace);
        if (connection.isEmpty()) {
            traceNoRoute(trace);
            noRoute = true;
        }
    }

    @Override
    boolean finished() {
        return noRoute || failure.isPresent() || connectedAt >= 0 && closed;
    }

    @Override
    void end() {
        connection.filter(c -> c.state() == TcpConnection.State.SYN_SENT).ifPresent(c -> c.close(Trace.none()));
    }

    @Override
    public void established(TcpConnection c, Trace trace) {
        connectedAt = sim.now();
        c.close(trace);
    }

    @Override
    public void failed(TcpConnection c, TcpFailure f, Trace trace) {
        if (connectedAt < 0) {
            failure = Optional.of(f);
        }
    }

    @Override
    public void closed(TcpConnection c, Trace trace) {
        closed = true;
    }

    @Override
    Observation observation() {
        String target = tcp.to() + " port " + tcp.port();
        if (connectedAt >= 0) {
            return outcome(Outcome.REACHED, "connected to " + target + " after " + sinceStart(connectedAt));
        }
        if (failure.isPresent() && !(failure.get() instanceof TcpFailure.TimedOut)) {
            TcpFailure f = failure.get();
            String why = switch (f) {
                case TcpFailure.Reset(var from) -> "RST from " + from;
                case TcpFailure.Icmp(var from, int type, int code) -> "ICMP type " + type + " code " + code + " from " + from;
                case TcpFailure.TimedOut t -> "no answer";
            };
            return outcome(f.refused() ? Outcome.REFUSED : Outcome.UNREACHABLE,
                    "connect to " + target + ": " + f.errnoText() + " (" + why + ")");
        }
        if (noRoute) {
            return outcome(Outcome.NO_ROUTE, "connect to " + target + ": Network is unreachable");
        }
        return unanswered("connect to " + target + ": no answer within " + tcp.timeout().toMillis() + " ms");
    }
}
