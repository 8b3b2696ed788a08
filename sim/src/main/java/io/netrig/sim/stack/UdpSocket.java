package io.netrig.sim.stack;

import io.netrig.model.net.Ipv4Address;
import io.netrig.sim.core.Trace;
import java.util.Objects;
import java.util.Optional;

/**
 * A UDP socket: bound to an address (0.0.0.0: all) and port, and connected to a peer or not. A connected socket
 * takes datagrams from its peer only, and hears of ICMP errors.
 */
public final class UdpSocket {
    private final UdpLayer layer;
    private final Ipv4Address address;
    private final int port;
    private final Optional<Ipv4Address> peer;
    private final int peerPort;
    private final UdpHandler handler;
    private boolean open = true;

    UdpSocket(UdpLayer layer, Ipv4Address address, int port, Optional<Ipv4Address> peer, int peerPort, UdpHandler handler) {
        this.layer = layer;
        this.address = Objects.requireNonNull(address, "address");
        this.port = port;
        this.peer = Objects.requireNonNull(peer, "peer");
        this.peerPort = peerPort;
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    public Ipv4Address address() {
        return address;
    }

    public int port() {
        return port;
    }

    public Optional<Ipv4Address> peer() {
        return peer;
    }

    public int peerPort() {
        return peerPort;
    }

    UdpHandler handler() {
        return handler;
    }

    /** send() on a connected socket. */
    public SendResult send(byte[] data, Trace trace) {
        Ipv4Address to = peer.orElseThrow(() -> new IllegalStateException("udp " + address + ":" + port + " is not connected"));
        return layer.send(this, to, peerPort, data, trace);
    }

    /** sendto(): from the bound address, or from the one routing picks when bound to 0.0.0.0. */
    public SendResult sendTo(Ipv4Address to, int toPort, byte[] data, Trace trace) {
        return layer.send(this, to, toPort, data, trace);
    }

    /**
     * sendto() from a given local address ({@code IP_PKTINFO}'s {@code ipi_spec_dst}), as a server bound to 0.0.0.0 that
     * answers from the address it was asked at.
     */
    public SendResult sendFrom(Ipv4Address source, Ipv4Address to, int toPort, byte[] data, Trace trace) {
        return layer.send(this, Optional.of(source), to, toPort, data, trace);
    }

    public void close() {
        if (open) {
            open = false;
            layer.remove(this);
        }
    }

    /** Whether a datagram from {@code src:srcPort} to {@code dst} may be delivered here (the port already matched). */
    boolean accepts(Ipv4Address src, int srcPort, Ipv4Address dst) {
        boolean local = address.equals(Ipv4Address.ANY) || address.equals(dst);
        return local && peer.map(p -> p.equals(src) && peerPort == srcPort).orElse(true);
    }

    @Override
    public String toString() {
        return "udp " + address + ":" + port + peer.map(p -> " -> " + p + ":" + peerPort).orElse("");
    }
}
