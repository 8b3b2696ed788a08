package io.netrig.kernel.service;

import io.netrig.model.topology.Service;

/** One service of a running lab: its sockets and the threads serving them. */
sealed interface RunningService extends AutoCloseable permits TcpServer, UdpResponder, TcpProxy, UdpProxy {
    Service service();

    /** Closes the service's sockets (TCP connections abortively) and waits for its threads to end. */
    @Override
    void close();
}
