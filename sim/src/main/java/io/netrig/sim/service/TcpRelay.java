package io.netrig.sim.service;

import io.netrig.model.net.Ipv4Address;
import io.netrig.sim.core.Trace;
import io.netrig.sim.stack.IpStack;
import io.netrig.sim.stack.TcpConnection;
import io.netrig.sim.stack.TcpFailure;
import io.netrig.sim.stack.TcpHandler;
import java.util.Optional;

/**
 * docker-proxy for one accepted TCP connection: once the client's handshake completes it dials the target from the
 * host's namespace; when the dial fails it closes the client. The two directions are then shut down in turn: the
 * client's end of file half-closes the backend, the backend's closes the client.
 */
final class TcpRelay {
    private final IpStack host;
    private final Ipv4Address target;
    private final int targetPort;
    private final Client client = new Client();
    private final Backend backend = new Backend();
    private Optional<TcpConnection> clientConnection = Optional.empty();
    private Optional<TcpConnection> backendConnection = Optional.empty();
    private boolean clientDone;

    TcpRelay(IpStack host, Ipv4Address target, int targetPort) {
        this.host = host;
        this.target = target;
        this.targetPort = targetPort;
    }

    /** The handler of the accepted connection. */
    TcpHandler clientSide() {
        return client;
    }

    private final class Client implements TcpHandler {
        @Override
        public void established(TcpConnection c, Trace trace) {
            clientConnection = Optional.of(c);
            if (trace.recording()) {
                trace.step(host.namespace() + ": docker-proxy dials " + target + ":" + targetPort);
            }
            backendConnection = host.tcp().connect(target, targetPort, backend, trace);
            if (backendConnection.isEmpty()) {
                c.close(trace);
            }
        }

        @Override
        public void peerClosed(TcpConnection c, Trace trace) {
            clientGone(trace);
        }

        @Override
        public void failed(TcpConnection c, TcpFailure failure, Trace trace) {
            clientGone(trace);
        }

        /** The client sent its FIN or was reset: the backend is closed now, or as soon as its handshake completes. */
        private void clientGone(Trace trace) {
            clientDone = true;
            backendConnection.filter(b -> b.state() == TcpConnection.State.ESTABLISHED).ifPresent(b -> b.close(trace));
        }
    }

    private final class Backend implements TcpHandler {
        @Override
        public void established(TcpConnection b, Trace trace) {
            if (clientDone) {
                b.close(trace);
            }
        }

        @Override
        public void peerClosed(TcpConnection b, Trace trace) {
            clientConnection.ifPresent(c -> c.close(trace));
            b.close(trace);
        }

        @Override
        public void failed(TcpConnection b, TcpFailure failure, Trace trace) {
            if (trace.recording()) {
                trace.step(host.namespace() + ": docker-proxy cannot reach " + target + ":" + targetPort + " (" + failure.errnoText()
                        + "), closes the client");
            }
            clientConnection.ifPresent(c -> c.close(trace));
        }
    }
}
