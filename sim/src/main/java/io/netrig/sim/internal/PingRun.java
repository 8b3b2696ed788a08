package io.netrig.sim.internal;

import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.net.Ipv4Address;
import io.netrig.sim.core.ScheduledEvent;
import io.netrig.sim.core.Simulator;
import io.netrig.sim.core.Trace;
import io.netrig.sim.pcap.PcapWriter;
import io.netrig.sim.stack.IcmpListener;
import io.netrig.sim.stack.IpStack;
import io.netrig.sim.stack.SendResult;
import io.netrig.sim.wire.IcmpMessage;
import io.netrig.sim.wire.Ipv4Packet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@code ping -c COUNT -W TIMEOUT}: requests 1 s apart from a random identifier, and the run ends when every
 * request was answered or errored, or TIMEOUT after the last request, as iputils does. The outcome is ranked:
 * any reply, else a firewall drop seen anywhere, else no route, else an ICMP error, else a timeout. Only the first
 * request's trace keeps its steps.
 */
final class PingRun extends ProbeRun implements IcmpListener {
    private static final long INTERVAL_NANOS = 1_000_000_000L;
    private static final int DATA_LENGTH = 56;

    private final Probe.Ping ping;
    private final int id;
    private final List<ScheduledEvent> sends = new ArrayList<>();
    private int replies;
    private int errors;
    private long firstReplyNanos = -1;
    private Optional<String> firstError = Optional.empty();
    private boolean noRoute;

    PingRun(Simulator sim, IpStack stack, Probe.Ping ping) {
        super(sim, stack, ping);
        this.ping = ping;
        this.id = sim.random().nextInt(0x10000);
    }

    @Override
    long durationNanos() {
        return (ping.count() - 1) * INTERVAL_NANOS + ping.timeout().toNanos();
    }

    @Override
    void begin() {
        stack.addListener(this);
        send(1);
        for (int seq = 2; seq <= ping.count() && !noRoute; seq++) {
            int s = seq;
            sends.add(sim.schedule((seq - 1) * INTERVAL_NANOS, "ping " + ping.describe() + " seq " + s, () -> send(s)));
        }
    }

    @Override
    boolean finished() {
        return noRoute || replies + errors >= ping.count();
    }

    @Override
    void end() {
        sends.forEach(ScheduledEvent::cancel);
        stack.removeListener(this);
    }

    private void send(int seq) {
        if (noRoute) {
            return;
        }
        Trace trace = newTrace(seq == 1);
        Optional<Ipv4Address> src = stack.sourceFor(ping.to());
        if (src.isEmpty()) {
            traceNoRoute(trace);
            noRoute = seq == 1;
            return;
        }
        IcmpMessage echo = IcmpMessage.echoRequest(id, seq, payload());
        Ipv4Packet request = new Ipv4Packet(src.get(), ping.to(), 64, stack.nextIdentification(), true, echo);
        if (trace.recording()) {
            trace.step(ping.from() + " sends " + request.summary());
        }
        if (stack.send(request, trace) == SendResult.NO_ROUTE && seq == 1) {
            noRoute = true;
        }
    }

    /** What iputils puts in a request: a struct timeval, then bytes counting up from 0x10. */
    private byte[] payload() {
        byte[] data = new byte[DATA_LENGTH];
        long micros = sim.now() / 1_000;
        long seconds = PcapWriter.EPOCH.getEpochSecond() + micros / 1_000_000;
        writeLittleEndian(data, 0, seconds);
        writeLittleEndian(data, 8, micros % 1_000_000);
        for (int i = 16; i < DATA_LENGTH; i++) {
            data[i] = (byte) i;
        }
        return data;
    }

    private static void writeLittleEndian(byte[] b, int offset, long v) {
        for (int i = 0; i < 8; i++) {
            b[offset + i] = (byte) (v >>> (8 * i));
        }
    }

    @Override
    public void onIcmp(Ipv4Packet packet, IcmpMessage message, Trace trace) {
        if (message.type() == IcmpMessage.ECHO_REPLY && message.echoId() == id) {
            replies++;
            if (firstReplyNanos < 0) {
                firstReplyNanos = sim.now();
            }
            return;
        }
        Optional<Ipv4Packet> quoted = message.quoted();
        boolean ours = quoted.filter(q -> q.payload() instanceof IcmpMessage m
                && m.type() == IcmpMessage.ECHO_REQUEST && m.echoId() == id).isPresent();
        if (ours) {
            errors++;
            if (firstError.isEmpty()) {
                int seq = ((IcmpMessage) quoted.get().payload()).echoSequence();
                firstError = Optional.of("From " + packet.src() + " icmp_seq=" + seq + " " + message.errorText());
            }
        }
    }

    @Override
    Observation observation() {
        if (replies > 0) {
            return outcome(Outcome.REACHED, replies + "/" + ping.count() + " replies from " + ping.to() + ", first after "
                    + sinceStart(firstReplyNanos));
        }
        Optional<Observation> dropped = dropped();
        if (dropped.isPresent()) {
            return dropped.get();
        }
        if (noRoute) {
            return outcome(Outcome.NO_ROUTE, "connect: Network is unreachable");
        }
        if (firstError.isPresent()) {
            return outcome(Outcome.UNREACHABLE, firstError.get());
        }
        return outcome(Outcome.TIMEOUT, "no reply from " + ping.to() + " within " + ping.timeout().toMillis() + " ms");
    }
}
