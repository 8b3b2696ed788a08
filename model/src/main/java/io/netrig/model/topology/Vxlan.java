package io.netrig.model.topology;

import io.netrig.model.net.Ipv4Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A VXLAN interface ({@code ip link add vxlan0 type vxlan id VNI dstport PORT [local A] [learning]}). It may live in
 * another namespace than the one its UDP socket is in: Docker's overlay driver creates it in the host's namespace,
 * where the socket stays ({@code underlay}), and moves it into the overlay network's namespace. Frames it sends are
 * carried in UDP to {@code port} of the remote VTEP that a {@link FdbEntry} names for their destination MAC (an unknown
 * or broadcast destination is flooded to the all-zeros FDB entries, or dropped when there are none); VXLAN packets
 * with its VNI arriving at {@code port} in the underlay namespace come out of it. The encapsulation costs 50 bytes of
 * the underlay MTU. {@code learning}: remote MACs are learnt from the VXLAN packets that arrive (else only the FDB
 * entries count); {@code proxy}: the device answers ARP requests itself from its namespace's neighbour entries
 * (Docker's overlay sets it, so that no ARP crosses the underlay).
 */
public record Vxlan(Iface self, String underlay, int vni, int port, Optional<Ipv4Address> local, boolean learning,
                    boolean proxy, Provenance provenance) implements Link {
    /** IANA's VXLAN port, which Docker uses unless told otherwise. */
    public static final int DEFAULT_PORT = 4789;
    /** Outer Ethernet, IPv4, UDP and VXLAN headers. */
    public static final int OVERHEAD = 50;

    public Vxlan {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(underlay, "underlay");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(provenance, "provenance");
        if (vni < 1 || vni > 0xFFFFFF) {
            throw new IllegalArgumentException("VNI of " + self.ref() + " must be 1-16777215, got " + vni);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("VXLAN port of " + self.ref() + " must be 1-65535, got " + port);
        }
    }

    @Override
    public List<Iface> ifaces() {
        return List.of(self);
    }
}
