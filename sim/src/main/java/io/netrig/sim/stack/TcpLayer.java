package io.netrig.sim.stack;

import io.netrig.model.net.Ipv4Address;
import io.netrig.sim.core.ScheduledEvent;
import io.netrig.sim.core.Simulator;
import io.netrig.sim.core.Trace;
import io.netrig.sim.device.LoopbackDevice;
import io.netrig.sim.wire.IcmpMessage;
import io.netrig.sim.wire.Ipv4Packet;
import io.netrig.sim.wire.OpaqueIpPayload;
import io.netrig.sim.wire.TcpSegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * TCP in one namespace: listening sockets, connections by four-tuple, ephemeral ports, and what Linux answers
 * when no socket wants a segment (tcp_v4_send_reset). Segments reach it only for local unicast addresses.
 */
public final class TcpLayer {
    /** TCP_TIMEOUT_INIT: the first SYN (and SYN-ACK) is retransmitted after 1 s, then the timeout doubles. */
    static final long INITIAL_RTO_NANOS = 1_000_000_000L;
    /** net.ipv4.tcp_syn_retries: connect() gives up 127 s after the first SYN. */
    static final int SYN_RETRIES = 6;
    /** net.ipv4.tcp_synack_retries. */
    static final int SYNACK_RETRIES = 5;
    /** TCP_TIMEWAIT_LEN. */
    static final long TIME_WAIT_NANOS = 60_000_000_000L;
    /** MSS for a 1500-byte MTU, and for lo's 65536. */
    private static final int ETHERNET_MSS = 1460;
    private static final int LOOPBACK_MSS = 65495;

    private record Listening(Ipv4Address address, int port, Supplier<TcpHandler> handlers) {
    }

    private final IpStack stack;
    private final Simulator sim;
    private final Map<TcpKey, TcpConnection> connections = new HashMap<>();
    private final Map<Integer, List<Listening>> listeningByPort = new HashMap<>();
    private final Deque<TcpConnection> timeWait = new ArrayDeque<>();
    private final EphemeralPorts ephemeral = new EphemeralPorts();

    TcpLayer(IpStack stack, Simulator sim) {
        this.stack = stack;
        this.sim = sim;
    }

    /**
     * A listening socket on {@code address:port} (0.0.0.0: every address); each accepted connection gets a handler
     * of its own from {@code handlers}. Binding a port already bound on an overlapping address fails as bind(2) does.
     */
    public void listen(Ipv4Address address, int port, Supplier<TcpHandler> handlers) {
        List<Listening> onPort = listeningByPort.computeIfAbsent(port, p -> new ArrayList<>());
        for (Listening l : onPort) {
            if (l.address().equals(address) || l.address().equals(Ipv4Address.ANY) || address.equals(Ipv4Address.ANY)) {
                throw new IllegalStateException("cannot listen on tcp " + address + ":" + port + " in " + stack.namespace()
                        + ": tcp " + l.address() + ":" + port + " is already bound (Linux: Address already in use)");
            }
        }
        onPort.add(new Listening(address, port, handlers));
    }

    /** Closes the listening socket on {@code address:port}; connections it accepted stay. */
    public void unlisten(Ipv4Address address, int port) {
        List<Listening> onPort = listeningByPort.get(port);
        if (onPort != null && onPort.removeIf(l -> l.address().equals(address)) && onPort.isEmpty()) {
            listeningByPort.remove(port);
        }
    }

    /**
     * connect(): the source address routing picks, the next ephemeral port that no listening socket holds and that
     * makes a four-tuple no connection has (TIME-WAIT included, as inet_hash_connect checks), and a SYN. Empty when
     * there is no route (ENETUNREACH: nothing is sent).
     */
    public Optional<TcpConnection> connect(Ipv4Address dst, int port, TcpHandler handler, Trace trace) {
        Optional<Ipv4Address> src = stack.sourceFor(dst);
        if (src.isEmpty()) {
            return Optional.empty();
        }
        purgeTimeWait();
        int localPort = ephemeral.allocate(p -> listeningByPort.containsKey(p) || connections.containsKey(new TcpKey(src.get(), p, dst, port)));
        TcpConnection c = add(TcpConnection.active(this, new TcpKey(src.get(), localPort, dst, port), handler, trace, isn(), mss(dst)));
        c.start(trace);
        return Optional.of(c);
    }

    private TcpConnection add(TcpConnection c) {
        connections.put(c.key(), c);
        return c;
    }

    void receive(Ipv4Packet ip, TcpSegment t, Trace trace) {
        if (stack.addresses().isBroadcastOrMulticast(ip.dst())) {
            return;  // tcp_v4_rcv takes only packets addressed to this host, and never answers the others
        }
        purgeTimeWait();
        TcpKey key = new TcpKey(ip.dst(), t.dstPort(), ip.src(), t.srcPort());
        TcpConnection c = connections.get(key);
        boolean newSyn = t.isInitialSyn();
        if (c != null && c.state() == TcpConnection.State.TIME_WAIT && newSyn) {
            remove(c);  // a new SYN on a TIME-WAIT tuple starts a new connection
            c = null;
        }
        if (c != null) {
            c.receive(t, ip.src(), trace);
            return;
        }
        if (t.has(TcpSegment.RST)) {
            return;
        }
        Optional<Listening> l = newSyn ? listener(ip.dst(), t.dstPort()) : Optional.empty();
        if (l.isPresent()) {
            if (trace.recording()) {
                trace.step(stack.namespace() + ": tcp " + l.get().address() + ":" + l.get().port() + " accepts " + ip.src() + ":" + t.srcPort());
            }
            add(TcpConnection.passive(this, key, l.get().handlers().get(), t, trace, isn(), mss(ip.src()))).start(trace);
            return;
        }
        if (trace.recording()) {
            trace.step(stack.namespace() + ": no socket for tcp " + ip.dst() + ":" + t.dstPort() + ", answers RST");
        }
        sendReset(key, t, trace);
    }

    /** An ICMP error quoting a TCP segment one of our connections sent. */
    void icmpError(Ipv4Packet ip, IcmpMessage m, Ipv4Packet quoted, Trace trace) {
        if (!(quoted.payload() instanceof OpaqueIpPayload o) || !o.hasPorts()) {
            return;
        }
        TcpConnection c = connections.get(new TcpKey(quoted.src(), o.sourcePort(), quoted.dst(), o.destinationPort()));
        if (c != null) {
            c.icmpError(ip.src(), m, o.tcpSequence(), trace);
        }
    }

    /** tcp_v4_send_reset: the answer to {@code t}, which reached {@code key.local()} and no socket took. */
    void sendReset(TcpKey key, TcpSegment t, Trace trace) {
        stack.send(new Ipv4Packet(key.local(), key.remote(), IpStack.DEFAULT_TTL, 0, true, TcpSegment.resetFor(t)), trace);
    }

    void transmit(TcpKey key, TcpSegment segment, Trace trace) {
        Ipv4Packet packet = new Ipv4Packet(key.local(), key.remote(), IpStack.DEFAULT_TTL, stack.nextIdentification(), true, segment);
        if (trace.recording()) {
            trace.step(stack.namespace() + " sends " + packet.summary());
        }
        stack.send(packet, trace);
    }

    ScheduledEvent schedule(long delayNanos, String what, Runnable action) {
        return sim.schedule(delayNanos, what, action);
    }

    long now() {
        return sim.now();
    }

    void enteredTimeWait(TcpConnection c) {
        timeWait.addLast(c);
    }

    void remove(TcpConnection c) {
        connections.remove(c.key(), c);
    }

    /** TIME-WAIT lasts 60 s; entries leave in the order they came, so the oldest are at the head. */
    private void purgeTimeWait() {
        while (!timeWait.isEmpty() && timeWait.peekFirst().timeWaitUntil() <= sim.now()) {
            TcpConnection c = timeWait.pollFirst();
            if (c.state() == TcpConnection.State.TIME_WAIT) {
                remove(c);
            }
        }
    }

    /** The socket a SYN for {@code dst:port} goes to: one bound to that address, else one bound to 0.0.0.0. */
    private Optional<Listening> listener(Ipv4Address dst, int port) {
        Listening wildcard = null;
        for (Listening l : listeningByPort.getOrDefault(port, List.of())) {
            if (l.address().equals(dst)) {
                return Optional.of(l);
            }
            if (l.address().equals(Ipv4Address.ANY)) {
                wildcard = l;
            }
        }
        return Optional.ofNullable(wildcard);
    }

    /** Initial sequence numbers come from the lab's seeded generator. */
    private int isn() {
        return sim.random().nextInt();
    }

    private int mss(Ipv4Address peer) {
        return stack.outputRoute(peer).filter(r -> r.device() instanceof LoopbackDevice).isPresent() ? LOOPBACK_MSS : ETHERNET_MSS;
    }
}
