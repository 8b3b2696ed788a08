package io.netrig.kernel.service;

import io.netrig.kernel.netns.NamespaceThreads;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.Listener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A UDP {@link Listener}: sends every datagram back to its sender, from the address it was sent to (see
 * {@link UdpResponder}); a listener on 0.0.0.0 also binds its namespace's addresses and 127.0.0.1.
 */
final class UdpEchoServer {
    private static final int MAX_DATAGRAM = 65_507;
    private static final Ipv4Address LOOPBACK = Ipv4Address.parse("127.0.0.1");

    private UdpEchoServer() {
    }

    /** @param localAddresses the addresses of the listener's namespace */
    static UdpResponder start(Listener listener, String kernelNs, NamespaceThreads ns, List<Ipv4Address> localAddresses) throws IOException {
        List<Ipv4Address> binds = new ArrayList<>(localAddresses);
        binds.add(LOOPBACK);
        return UdpResponder.start(listener, kernelNs, ns, binds, MAX_DATAGRAM, "udp echo", Optional::of);
    }
}
