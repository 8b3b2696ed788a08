package io.netrig.model.topology;

import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.net.Ipv4Address;

/**
 * A socket the lab keeps open in a namespace so that TCP and UDP probes have something to talk to: an application
 * listening in a container ({@link Listener}) or dockerd's userland proxy for a published port ({@link PortProxy}).
 * The bind address {@link Ipv4Address#ANY 0.0.0.0} means every address of the namespace.
 */
public sealed interface Service permits Listener, PortProxy, DnsServer {
    String namespace();

    IpProtocol protocol();

    Ipv4Address address();

    int port();

    Provenance provenance();

    /** {@code tcp 0.0.0.0:80}. */
    default String socketText() {
        return protocol().iptablesName() + " " + address() + ":" + port();
    }

    static void checkPort(String what, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " must be 1-65535, got " + port);
        }
    }
}
