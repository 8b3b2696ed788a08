package io.netrig.sim.stack;

import io.netrig.model.net.Ipv4Address;
import java.util.Objects;

/** A connection's four-tuple from the local side. */
record TcpKey(Ipv4Address local, int localPort, Ipv4Address remote, int remotePort) {
    TcpKey {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
    }

    @Override
    public String toString() {
        return local + ":" + localPort + " <-> " + remote + ":" + remotePort;
    }
}
