package io.netrig.sim.stack;

import io.netrig.model.net.Ipv4Address;
import io.netrig.sim.core.Trace;
import io.netrig.sim.wire.IcmpMessage;
import io.netrig.sim.wire.Ipv4Packet;
import io.netrig.sim.wire.OpaqueIpPayload;
import io.netrig.sim.wire.UdpDatagram;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * UDP in one namespace: sockets by local port, delivery to the best-matching one (connected, then bound to the
 * address, then to 0.0.0.0), and an ICMP port unreachable when none takes a unicast datagram (__udp4_lib_rcv).
 */
public final class UdpLayer {
    private final IpStack stack;
    private final Map<Integer, List<UdpSocket>> byPort = new HashMap<>();
    private final EphemeralPorts ephemeral = new EphemeralPorts();

    UdpLayer(IpStack stack) {
        this.stack = stack;
    }

    /** bind(): fails as bind(2) does when an overlapping address already has the port. */
    public UdpSocket bind(Ipv4Address address, int port, UdpHandler handler) {
        for (UdpSocket s : byPort.getOrDefault(port, List.of())) {
            if (s.address().equals(address) || s.address().equals(Ipv4Address.ANY) || address.equals(Ipv4Address.ANY)) {
                throw new IllegalStateException("cannot bind udp " + address + ":" + port + " in " + stack.namespace()
                        + ": " + s + " is already bound (Linux: Address already in use)");
            }
        }
        return add(new UdpSocket(this, address, port, Optional.empty(), 0, handler));
    }

    /**
     * A socket connected to {@code dst:port}: the local address routing picks and the next ephemeral port. Empty when
     * there is no route (ENETUNREACH).
     */
    public Optional<UdpSocket> connect(Ipv4Address dst, int port, UdpHandler handler) {
        Optional<Ipv4Address> src = stack.sourceFor(dst);
        if (src.isEmpty()) {
            return Optional.empty();
        }
        int local = ephemeral.allocate(byPort::containsKey);
        return Optional.of(add(new UdpSocket(this, src.get(), local, Optional.of(dst), port, handler)));
    }

    private UdpSocket add(UdpSocket s) {
        byPort.computeIfAbsent(s.port(), p -> new ArrayList<>()).add(s);
        return s;
    }

    void remove(UdpSocket s) {
        List<UdpSocket> on = byPort.get(s.port());
        if (on != null && on.remove(s) && on.isEmpty()) {
            byPort.remove(s.port());
        }
    }

    SendResult send(UdpSocket from, Ipv4Address to, int toPort, byte[] data, Trace trace) {
        return send(from, from.address().equals(Ipv4Address.ANY) ? stack.sourceFor(to) : Optional.of(from.address()), to, toPort, data, trace);
    }

    SendResult send(UdpSocket from, Optional<Ipv4Address> src, Ipv4Address to, int toPort, byte[] data, Trace trace) {
        if (src.isEmpty()) {
            return SendResult.NO_ROUTE;
        }
        Ipv4Packet packet = new Ipv4Packet(src.get(), to, IpStack.DEFAULT_TTL, stack.nextIdentification(), true,
                new UdpDatagram(from.port(), toPort, data));
        if (trace.recording()) {
            trace.step(stack.namespace() + " sends " + packet.summary());
        }
        return stack.send(packet, trace);
    }

    /** @param onLoopback whether the datagram arrived on {@code lo} (its port unreachable is then never rate-limited) */
    void receive(Ipv4Packet ip, UdpDatagram u, boolean onLoopback, Trace trace) {
        Optional<UdpSocket> socket = lookup(ip.src(), u.srcPort(), ip.dst(), u.dstPort());
        if (socket.isPresent()) {
            socket.get().handler().received(socket.get(), ip.src(), u.srcPort(), ip.dst(), u.data(), trace);
            return;
        }
        if (!stack.addresses().isBroadcastOrMulticast(ip.dst())) {
            if (trace.recording()) {
                trace.step(stack.namespace() + ": no socket for udp " + ip.dst() + ":" + u.dstPort() + ", answers port unreachable");
            }
            stack.sendError(ip, IcmpMessage.DEST_UNREACHABLE, IcmpMessage.CODE_PORT_UNREACHABLE, onLoopback, trace);
        }
    }

    /** An ICMP error quoting a datagram we sent: reported to the connected socket that sent it. */
    void icmpError(Ipv4Packet ip, IcmpMessage m, Ipv4Packet quoted, Trace trace) {
        if (!(quoted.payload() instanceof OpaqueIpPayload o) || !o.hasPorts()) {
            return;
        }
        for (UdpSocket s : byPort.getOrDefault(o.sourcePort(), List.of())) {
            boolean sender = s.peer().filter(quoted.dst()::equals).isPresent() && s.peerPort() == o.destinationPort()
                    && s.address().equals(quoted.src());
            if (sender) {
                s.handler().error(s, ip.src(), m, trace);
                return;
            }
        }
    }

    private Optional<UdpSocket> lookup(Ipv4Address src, int srcPort, Ipv4Address dst, int dstPort) {
        UdpSocket best = null;
        int bestScore = -1;
        for (UdpSocket s : byPort.getOrDefault(dstPort, List.of())) {
            if (!s.accepts(src, srcPort, dst)) {
                continue;
            }
            int score = (s.peer().isPresent() ? 2 : 0) + (s.address().equals(Ipv4Address.ANY) ? 0 : 1);
            if (score > bestScore) {
                best = s;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }
}
