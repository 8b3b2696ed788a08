package io.netrig.sim.stack;

import io.netrig.model.net.Ipv4Address;
import io.netrig.sim.core.ScheduledEvent;
import io.netrig.sim.core.Trace;
import io.netrig.sim.wire.IcmpMessage;
import io.netrig.sim.wire.TcpSegment;
import java.util.Optional;

/**
 * One TCP connection of a namespace, as the RFC 793 state machine runs it for an application that sends no data:
 * the three-way handshake (SYN and SYN-ACK retransmitted with Linux's initial RTO of 1 s, doubling), the FIN
 * handshake in either order, RST, and ICMP errors about the SYN. Data is acknowledged and dropped; FINs and data are
 * never retransmitted.
 */
public final class TcpConnection {
    /** The states of RFC 793 this model uses (LISTEN is the layer's listening sockets). */
    public enum State { SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSING, TIME_WAIT, CLOSE_WAIT, LAST_ACK, CLOSED }

    /** Windows as Linux advertises them with a 1500-byte MTU and window scaling 7. */
    private static final int SYN_WINDOW = 64240;
    private static final int SYN_ACK_WINDOW = 65160;
    private static final int WINDOW = 502;

    private final TcpLayer layer;
    private final TcpKey key;
    private final TcpHandler handler;
    private final Trace trace;
    private final int iss;
    private final int mss;
    private State state;
    private int sndNxt;
    private int rcvNxt;
    private int retransmits;
    private long rtoNanos = TcpLayer.INITIAL_RTO_NANOS;
    private boolean finSent;
    private long timeWaitUntil;
    private Optional<ScheduledEvent> timer = Optional.empty();

    private TcpConnection(TcpLayer layer, TcpKey key, TcpHandler handler, Trace trace, int iss, int mss, State state) {
        this.layer = layer;
        this.key = key;
        this.handler = handler;
        this.trace = trace;
        this.iss = iss;
        this.mss = mss;
        this.state = state;
        this.sndNxt = iss + 1;
    }

    /** connect(): {@link #start} sends the SYN. */
    static TcpConnection active(TcpLayer layer, TcpKey key, TcpHandler handler, Trace trace, int iss, int mss) {
        return new TcpConnection(layer, key, handler, trace, iss, mss, State.SYN_SENT);
    }

    /** A SYN reached a listening socket (the request socket of tcp_conn_request); {@link #start} answers SYN-ACK. */
    static TcpConnection passive(TcpLayer layer, TcpKey key, TcpHandler handler, TcpSegment syn, Trace trace, int iss, int mss) {
        TcpConnection c = new TcpConnection(layer, key, handler, trace, iss, mss, State.SYN_RECEIVED);
        c.rcvNxt = syn.seq() + 1;
        return c;
    }

    /** Sends the SYN or SYN-ACK, once the layer knows the connection (an answer may come back at once). */
    void start(Trace cause) {
        sendSyn(cause);
    }

    public State state() {
        return state;
    }

    TcpKey key() {
        return key;
    }

    long timeWaitUntil() {
        return timeWaitUntil;
    }

    /**
     * close(): a connection not yet established is dropped without a word (a SYN-SENT socket just stops
     * retransmitting); otherwise a FIN goes out, after whatever the peer sent was acknowledged.
     */
    public void close(Trace cause) {
        switch (state) {
            case SYN_SENT -> {
                cancelTimer();
                enter(State.CLOSED, cause);
            }
            case SYN_RECEIVED, ESTABLISHED -> {
                cancelTimer();
                sendFin(cause);
                state = State.FIN_WAIT_1;
            }
            case CLOSE_WAIT -> {
                sendFin(cause);
                state = State.LAST_ACK;
            }
            case FIN_WAIT_1, FIN_WAIT_2, CLOSING, TIME_WAIT, LAST_ACK, CLOSED -> { }
        }
    }

    void receive(TcpSegment t, Ipv4Address from, Trace cause) {
        switch (state) {
            case SYN_SENT -> synSent(t, from, cause);
            case SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSING, CLOSE_WAIT, LAST_ACK -> synchronizedState(t, from, cause);
            case TIME_WAIT -> {
                if (t.has(TcpSegment.FIN)) {
                    sendAck(cause);  // the peer did not get our last ACK
                }
            }
            case CLOSED -> { }
        }
    }

    private void synSent(TcpSegment t, Ipv4Address from, Trace cause) {
        if (t.has(TcpSegment.ACK) && t.ack() != iss + 1) {
            if (!t.has(TcpSegment.RST)) {
                layer.sendReset(key, t, cause);
            }
            return;
        }
        if (t.has(TcpSegment.RST)) {
            if (t.has(TcpSegment.ACK)) {
                fail(new TcpFailure.Reset(from), cause);
            }
            return;
        }
        if (t.has(TcpSegment.SYN) && t.has(TcpSegment.ACK)) {
            cancelTimer();
            rcvNxt = t.seq() + 1;
            state = State.ESTABLISHED;
            sendAck(cause);
            handler.established(this, cause);
        }
        // a SYN without ACK would be a simultaneous open, which is not modelled
    }

    private void synchronizedState(TcpSegment t, Ipv4Address from, Trace cause) {
        if (t.has(TcpSegment.RST)) {
            if (t.seq() == rcvNxt) {
                cancelTimer();
                State before = state;
                enter(State.CLOSED, cause);
                if (before != State.SYN_RECEIVED) {
                    handler.failed(this, new TcpFailure.Reset(from), cause);
                }
            }
            return;
        }
        if (t.has(TcpSegment.SYN)) {
            if (state == State.SYN_RECEIVED && t.seq() + 1 == rcvNxt) {
                sendSyn(cause);  // the peer retransmitted its SYN: our SYN-ACK was lost
            } else {
                sendAck(cause);  // RFC 5961 challenge ACK
            }
            return;
        }
        if (!t.has(TcpSegment.ACK)) {
            return;
        }
        if (state == State.SYN_RECEIVED) {
            if (t.ack() != iss + 1) {
                layer.sendReset(key, t, cause);
                return;
            }
            cancelTimer();
            state = State.ESTABLISHED;
            handler.established(this, cause);
            if (state != State.ESTABLISHED) {
                return;
            }
        }
        if (finSent && t.ack() == sndNxt) {
            switch (state) {
                case FIN_WAIT_1 -> state = State.FIN_WAIT_2;
                case CLOSING -> enter(State.TIME_WAIT, cause);
                case LAST_ACK -> enter(State.CLOSED, cause);
                case SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_2, TIME_WAIT, CLOSE_WAIT, CLOSED -> { }
            }
        }
        boolean inOrder = t.seq() == rcvNxt;
        boolean data = inOrder && t.dataLength() > 0;
        if (data) {
            rcvNxt += t.dataLength();
        }
        if (inOrder && t.has(TcpSegment.FIN) && (state == State.ESTABLISHED || state == State.FIN_WAIT_1 || state == State.FIN_WAIT_2)) {
            rcvNxt++;
            finReceived(cause);
        } else if (data || !inOrder && (t.dataLength() > 0 || t.has(TcpSegment.FIN))) {
            sendAck(cause);
        }
    }

    /** The peer's FIN, in sequence. Its ACK rides on our own FIN when the application closes in the same instant. */
    private void finReceived(Trace cause) {
        switch (state) {
            case ESTABLISHED -> {
                state = State.CLOSE_WAIT;
                handler.peerClosed(this, cause);
                if (state == State.CLOSE_WAIT) {
                    sendAck(cause);
                }
            }
            case FIN_WAIT_1 -> {
                state = State.CLOSING;
                sendAck(cause);
                handler.peerClosed(this, cause);
            }
            case FIN_WAIT_2 -> {
                sendAck(cause);
                enter(State.TIME_WAIT, cause);
                handler.peerClosed(this, cause);
            }
            case SYN_SENT, SYN_RECEIVED, CLOSING, TIME_WAIT, CLOSE_WAIT, LAST_ACK, CLOSED -> { }
        }
    }

    /**
     * An ICMP error quoting one of our segments with sequence number {@code seq}. In SYN-SENT any destination
     * unreachable (but fragmentation needed) or time exceeded aborts connect(), as tcp_v4_err does; a half-open
     * connection (tcp_req_err) is dropped on net/host unreachable and time exceeded; later errors are soft and ignored.
     */
    void icmpError(Ipv4Address from, IcmpMessage m, int seq, Trace cause) {
        boolean unreachable = m.type() == IcmpMessage.DEST_UNREACHABLE && m.code() != 4 && m.code() <= 15;
        boolean timeExceeded = m.type() == IcmpMessage.TIME_EXCEEDED;
        if (seq != iss) {
            return;
        }
        if (state == State.SYN_SENT && (unreachable || timeExceeded)) {
            fail(new TcpFailure.Icmp(from, m.type(), m.code()), cause);
        } else if (state == State.SYN_RECEIVED && (timeExceeded || unreachable && m.code() <= IcmpMessage.CODE_HOST_UNREACHABLE)) {
            cancelTimer();
            enter(State.CLOSED, cause);
        }
    }

    private void fail(TcpFailure failure, Trace cause) {
        cancelTimer();
        enter(State.CLOSED, cause);
        handler.failed(this, failure, cause);
    }

    private void enter(State next, Trace cause) {
        state = next;
        if (next == State.TIME_WAIT) {
            timeWaitUntil = layer.now() + TcpLayer.TIME_WAIT_NANOS;
            layer.enteredTimeWait(this);
            handler.closed(this, cause);
        } else if (next == State.CLOSED) {
            layer.remove(this);
            handler.closed(this, cause);
        }
    }

    /** SYN (active) or SYN-ACK (passive), with the retransmission timer: 1 s, then doubling (1 s, 3 s, 7 s …). */
    private void sendSyn(Trace cause) {
        boolean passive = state == State.SYN_RECEIVED;
        int flags = passive ? TcpSegment.SYN | TcpSegment.ACK : TcpSegment.SYN;
        layer.transmit(key, new TcpSegment(key.localPort(), key.remotePort(), iss, passive ? rcvNxt : 0, flags,
                passive ? SYN_ACK_WINDOW : SYN_WINDOW, TcpSegment.synOptions(mss), new byte[0]), cause);
        cancelTimer();
        timer = Optional.of(layer.schedule(rtoNanos, passive ? "tcp SYN-ACK retransmit" : "tcp SYN retransmit", this::retransmitSyn));
    }

    private void retransmitSyn() {
        timer = Optional.empty();
        boolean passive = state == State.SYN_RECEIVED;
        if (state != State.SYN_SENT && !passive) {
            return;
        }
        if (retransmits >= (passive ? TcpLayer.SYNACK_RETRIES : TcpLayer.SYN_RETRIES)) {
            if (passive) {
                enter(State.CLOSED, trace);  // the half-open connection is forgotten
            } else {
                fail(new TcpFailure.TimedOut(), trace);
            }
            return;
        }
        retransmits++;
        rtoNanos *= 2;
        sendSyn(trace);
    }

    private void sendAck(Trace cause) {
        layer.transmit(key, TcpSegment.of(key.localPort(), key.remotePort(), sndNxt, rcvNxt, TcpSegment.ACK, WINDOW), cause);
    }

    private void sendFin(Trace cause) {
        layer.transmit(key, TcpSegment.of(key.localPort(), key.remotePort(), sndNxt, rcvNxt, TcpSegment.FIN | TcpSegment.ACK, WINDOW),
                cause);
        sndNxt++;
        finSent = true;
    }

    private void cancelTimer() {
        timer.ifPresent(ScheduledEvent::cancel);
        timer = Optional.empty();
    }

    @Override
    public String toString() {
        return "tcp " + key + " " + state;
    }
}
