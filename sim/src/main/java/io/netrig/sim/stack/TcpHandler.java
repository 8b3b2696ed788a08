package io.netrig.sim.stack;

import io.netrig.sim.core.Trace;

/**
 * What an application does with one TCP connection. Callbacks run inside the simulator, with the trace of the packet
 * (or timer) that caused them, and may act on the connection at once (close it, open another).
 */
public interface TcpHandler {
    /** The handshake completed: connect() returns, or accept() would. */
    default void established(TcpConnection c, Trace trace) {
    }

    /** The peer's FIN arrived: read() returns end of file. */
    default void peerClosed(TcpConnection c, Trace trace) {
    }

    /** connect() failed, or the connection was reset. */
    default void failed(TcpConnection c, TcpFailure failure, Trace trace) {
    }

    /** The connection is over (TIME-WAIT or CLOSED). */
    default void closed(TcpConnection c, Trace trace) {
    }
}
