package io.netrig.sim.stack;

import io.netrig.model.firewall.CtState;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.IpsecAssociation;
import io.netrig.model.topology.Route;
import io.netrig.sim.core.Simulator;
import io.netrig.sim.core.Trace;
import io.netrig.sim.device.Frame;
import io.netrig.sim.device.FrameSink;
import io.netrig.sim.device.LoopbackDevice;
import io.netrig.sim.device.NetDevice;
import io.netrig.sim.netfilter.CtInfo;
import io.netrig.sim.netfilter.Hook;
import io.netrig.sim.netfilter.HookResult;
import io.netrig.sim.netfilter.NfPacket;
import io.netrig.sim.netfilter.Netfilter;
import io.netrig.sim.netfilter.Rejection;
import io.netrig.sim.wire.ArpPacket;
import io.netrig.sim.wire.EthernetFrame;
import io.netrig.sim.wire.IcmpMessage;
import io.netrig.sim.wire.Ipv4Packet;
import io.netrig.sim.wire.OpaqueIpPayload;
import io.netrig.sim.wire.OpaquePayload;
import io.netrig.sim.wire.TcpSegment;
import io.netrig.sim.wire.UdpDatagram;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The IPv4 stack of one network namespace, following Linux's path through it: receive → PREROUTING → route →
 * INPUT → local delivery (ICMP, TCP, UDP), or FORWARD → POSTROUTING → neighbour output; local output → OUTPUT
 * → (re-route after DNAT) → POSTROUTING.
 */
public final class IpStack implements FrameSink {
    static final int DEFAULT_TTL = 64;
    private static final Ipv4Prefix LOOPBACK_NET = Ipv4Prefix.parse("127.0.0.0/8");
    private static final Ipv4Address LOOPBACK_SOURCE = Ipv4Address.parse("127.0.0.1");

    private final String namespace;
    private boolean forwarding;
    private final Map<String, NetDevice> devices = new LinkedHashMap<>();
    private final InterfaceAddresses addresses = new InterfaceAddresses();
    private final RoutingTable routes = new RoutingTable();
    private final NeighbourTable neighbours;
    private final Netfilter netfilter;
    private final LoopbackDevice loopback;
    /** The conntrack entry of each frame in flight on {@code lo}, by identity, as the skb carries it. */
    private final Map<Frame, CtInfo> loopbackConntrack = new java.util.IdentityHashMap<>();
    private final List<IcmpListener> listeners = new ArrayList<>();
    private final TcpLayer tcp;
    private final UdpLayer udp;
    private EspTransform esp = EspTransform.NONE;
    private boolean decrypted;
    private final Set<String> routeLocalnet = new HashSet<>();
    private final Map<Integer, VxlanSocket> vxlanSockets = new LinkedHashMap<>();
    private final IcmpRateLimit icmpLimit;
    private int nextIdentification;

    /** {@code netfilter} is made from this stack's addresses, which MASQUERADE and addrtype consult. */
    public IpStack(String namespace, Simulator sim, boolean forwarding, LoopbackDevice loopback,
                   Function<InterfaceAddresses, Netfilter> netfilter) {
        this.namespace = namespace;
        this.forwarding = forwarding;
        this.loopback = loopback;
        this.neighbours = new NeighbourTable(sim, this);
        this.netfilter = netfilter.apply(addresses);
        this.nextIdentification = sim.random().nextInt(0x10000);
        this.icmpLimit = new IcmpRateLimit(sim::now, sim.random());
        this.tcp = new TcpLayer(this, sim);
        this.udp = new UdpLayer(this);
        addDevice(loopback);
        addAddress(loopback, Ipv4Interface.parse("127.0.0.1/8"));
    }

    public String namespace() {
        return namespace;
    }

    public InterfaceAddresses addresses() {
        return addresses;
    }

    public Netfilter netfilter() {
        return netfilter;
    }

    public RoutingTable routes() {
        return routes;
    }

    public TcpLayer tcp() {
        return tcp;
    }

    public UdpLayer udp() {
        return udp;
    }

    /** The limits on the ICMP errors this namespace sends (and its {@code net.ipv4.icmp_*} sysctls). */
    public IcmpRateLimit icmpLimit() {
        return icmpLimit;
    }

    /** {@code net.ipv4.conf.DEVICE.route_localnet=1} ({@code all} for every device). */
    public void enableRouteLocalnet(String device) {
        routeLocalnet.add(device);
    }

    /** Every {@code route_localnet} back to 0, before a changed lab's sysctls are applied again. */
    public void resetRouteLocalnet() {
        routeLocalnet.clear();
    }

    /** {@code net.ipv4.ip_forward}. */
    public void setForwarding(boolean value) {
        forwarding = value;
    }

    /**
     * Whether 127/8 may be a source or destination on {@code device} (IN_DEV_ROUTE_LOCALNET: the device's setting
     * or all's). Without it Linux treats such packets as martians on any device but lo.
     */
    private boolean localnetAllowed(NetDevice device) {
        return device == loopback || routeLocalnet.contains("all") || routeLocalnet.contains(device.name());
    }

    public Optional<NetDevice> device(String name) {
        return Optional.ofNullable(devices.get(name));
    }

    public List<NetDevice> devices() {
        return List.copyOf(devices.values());
    }

    public void addDevice(NetDevice device) {
        devices.put(device.name(), device);
        addresses.deviceAdded(device.name());
        device.attachUpper(this);
    }

    /**
     * The device is deleted: its addresses and every route through it go, and its neighbour entries are flushed
     * (packets waiting for them are dropped), as Linux does when an interface disappears from a namespace.
     */
    public void removeDevice(NetDevice device) {
        if (devices.get(device.name()) != device) {
            return;
        }
        devices.remove(device.name());
        addresses.deviceRemoved(device.name()).forEach(a -> device.addressRemoved(a.address()));
        routes.removeIf(r -> r.device() == device);
        neighbours.flush(device);
        device.detach();
    }

    /** Adds an address and, as Linux does, the connected route of its subnet (proto kernel, scope link). */
    public void addAddress(NetDevice device, Ipv4Interface address) {
        device.addressAdded(address.address());
        addresses.add(device.name(), address);
        if (device != loopback) {
            routes.add(new RouteEntry(address.prefix(), Optional.empty(), device, 0, Optional.of(address.address()), false));
        }
    }

    /** Removes an address and the connected route it brought ({@code ip addr del}). */
    public void removeAddress(NetDevice device, Ipv4Interface address) {
        if (addresses.remove(device.name(), address)) {
            device.addressRemoved(address.address());
            routes.removeIf(r -> r.device() == device && r.gateway().isEmpty() && !r.local()
                    && r.preferredSource().filter(address.address()::equals).isPresent() && r.destination().equals(address.prefix()));
        }
    }

    /**
     * Adds a static route; a gateway without a device goes out of the device of the gateway's connected subnet. The
     * route's {@code src} becomes the preferred source of what this namespace sends along it.
     */
    public void addRoute(Route route) {
        NetDevice device = route.dev().map(d -> devices.get(d.value()))
                .or(() -> route.via().flatMap(gw -> routes.lookup(gw).filter(r -> r.gateway().isEmpty()).map(RouteEntry::device)))
                .orElseThrow(() -> new IllegalArgumentException("route " + route.destination() + " in " + namespace
                        + ": no device reaches gateway " + route.via().map(Ipv4Address::toString).orElse("?")));
        route.src().ifPresent(src -> {
            if (!addresses.isLocal(src)) {
                throw new IllegalArgumentException("route " + route.destination() + " in " + namespace + ": src " + src
                        + " is not an address of this namespace (Linux: Invalid prefsrc address)");
            }
        });
        routes.add(new RouteEntry(route.destination(), route.via(), device, route.metric(), route.src(), false));
    }

    /**
     * Replaces the main table: the connected routes of the current addresses (in the order the addresses were added,
     * device by device), then {@code next}'s static routes, as the table reads after dockerd changed a running host.
     * The table holds no state of its own, so replacing it loses nothing.
     */
    public void replaceRoutes(List<Route> next) {
        routes.removeIf(r -> true);
        for (NetDevice device : devices.values()) {
            if (device != loopback) {
                addresses.on(device.name()).forEach(a -> routes.add(
                        new RouteEntry(a.prefix(), Optional.empty(), device, 0, Optional.of(a.address()), false)));
            }
        }
        next.forEach(this::addRoute);
    }

    /** The VXLAN socket of this namespace on {@code port}, opened (bound to 0.0.0.0) with its first device. */
    public VxlanSocket vxlanSocket(int port) {
        return vxlanSockets.computeIfAbsent(port, p -> new VxlanSocket(this, p));
    }

    void vxlanSocketClosed(VxlanSocket socket) {
        vxlanSockets.remove(socket.port(), socket);
    }

    /** {@code ip neigh replace ADDRESS lladdr MAC dev DEVICE nud permanent}: used without ARP, never expires. */
    public void addPermanentNeighbour(NetDevice device, Ipv4Address address, MacAddress mac) {
        neighbours.addPermanent(device, address, mac);
    }

    /** {@code ip neigh del ADDRESS dev DEVICE}. */
    public void removeNeighbour(NetDevice device, Ipv4Address address) {
        neighbours.remove(device, address);
    }

    /** The MAC of a resolved neighbour (permanent or learnt) on {@code device}, as neigh_lookup finds it. */
    public Optional<MacAddress> resolvedNeighbour(NetDevice device, Ipv4Address address) {
        return neighbours.resolved(device, address);
    }

    public void addListener(IcmpListener listener) {
        listeners.add(listener);
    }

    public void removeListener(IcmpListener listener) {
        listeners.remove(listener);
    }

    public int nextIdentification() {
        int id = nextIdentification;
        nextIdentification = (nextIdentification + 1) & 0xffff;
        return id;
    }

    /**
     * The route a locally originated packet to {@code dst} takes; the local table first, as Linux looks it up. A local
     * address is its own preferred source, except in 127/8, whose local route has {@code src 127.0.0.1}.
     */
    public Optional<RouteEntry> outputRoute(Ipv4Address dst) {
        if (addresses.isLocal(dst)) {
            boolean loopbackNet = LOOPBACK_NET.contains(dst);
            return Optional.of(new RouteEntry(loopbackNet ? LOOPBACK_NET : Ipv4Prefix.of(dst, 32),
                    Optional.empty(), loopback, 0, Optional.of(loopbackNet ? LOOPBACK_SOURCE : dst), true));
        }
        return routes.lookup(dst);
    }

    /**
     * The source address a local sender gets towards {@code dst}: the route's preferred source ({@code src}, or a
     * connected route's own address), else Linux's inet_select_addr: the first primary address of the outgoing device
     * on the gateway's subnet (any subnet for a route without gateway), else the device's first primary address, else
     * one of another device.
     */
    public Optional<Ipv4Address> sourceFor(Ipv4Address dst) {
        return outputRoute(dst).flatMap(r -> r.preferredSource()
                .or(() -> addresses.sourceFor(r.device().name(), r.gateway().orElse(Ipv4Address.ANY))));
    }

    /** Sends a locally originated packet (ping, echo reply, ICMP error, TCP segment, UDP datagram). */
    public SendResult send(Ipv4Packet packet, Trace trace) {
        return send(NfPacket.untracked(packet), trace);
    }

    /**
     * Sends a locally originated packet, perhaps with a connection already attached (a REJECT's RST, as
     * nf_ct_attach gives it). OUTPUT's DNAT re-routes the packet (ip_route_me_harder), keeping its source.
     */
    SendResult send(NfPacket packet, Trace trace) {
        Ipv4Packet ip = packet.ip();
        Optional<RouteEntry> route = outputRoute(ip.dst());
        if (route.isEmpty()) {
            if (trace.recording()) {
                trace.step(namespace + ": no route to " + ip.dst());
            }
            return SendResult.NO_ROUTE;
        }
        if (martianOutput(ip, route.get(), trace)) {
            return SendResult.DROPPED;
        }
        NfPacket p;
        switch (netfilter.run(Hook.OUTPUT, packet, "", route.get().device().name(), false, trace)) {
            case HookResult.Stopped s -> {
                rejected(s, false, trace);
                return SendResult.DROPPED;
            }
            case HookResult.Pass pass -> p = pass.packet();
        }
        if (!p.ip().dst().equals(ip.dst())) {
            route = outputRoute(p.ip().dst());
            if (route.isEmpty()) {
                if (trace.recording()) {
                    trace.step(namespace + ": no route to " + p.ip().dst() + " after DNAT");
                }
                return SendResult.NO_ROUTE;
            }
            if (trace.recording()) {
                trace.step(namespace + ": re-routed after DNAT via " + route.get());
            }
            if (martianOutput(p.ip(), route.get(), trace)) {
                return SendResult.DROPPED;
            }
        }
        return postRouting(route.get(), p, trace) ? SendResult.SENT : SendResult.DROPPED;
    }

    /** __mkroute_output: a 127/8 source may leave only through lo, unless route_localnet is on for the device. */
    private boolean martianOutput(Ipv4Packet ip, RouteEntry route, Trace trace) {
        if (!ip.src().isLoopback() || localnetAllowed(route.device())) {
            return false;
        }
        if (trace.recording()) {
            trace.step(namespace + ": cannot route " + ip.src() + " -> " + ip.dst() + " out of " + route.device().name()
                    + " (loopback source, net.ipv4.conf." + route.device().name() + ".route_localnet=0)");
        }
        return true;
    }

    @Override
    public void receive(NetDevice device, Frame frame) {
        EthernetFrame eth = EthernetFrame.decode(frame.bytes());
        switch (eth.payload()) {
            case ArpPacket arp when device.noArp() -> { }  // arp_rcv drops what arrives on an IFF_NOARP device
            case ArpPacket arp -> neighbours.onArp(device, arp, frame.trace());
            case Ipv4Packet ip -> {
                NfPacket packet = device == loopback ? new NfPacket(ip, Optional.ofNullable(loopbackConntrack.remove(frame)))
                        : NfPacket.untracked(ip);
                boolean forUs = device == loopback || eth.dst().equals(device.mac()) || eth.dst().isMulticast();
                if (forUs) {
                    ipInput(device, packet, frame.trace());
                }
            }
            case OpaquePayload o -> { }
        }
    }

    /**
     * @param packet for a packet looped back through {@code lo}, with the connection it had when it left (Linux keeps
     *               the skb's conntrack entry across loopback, so a DNAT done in OUTPUT is undone on the answer)
     */
    private void ipInput(NetDevice in, NfPacket packet, Trace trace) {
        NfPacket p;
        switch (netfilter.run(Hook.PREROUTING, packet, in.name(), "", false, trace)) {
            case HookResult.Stopped s -> {
                rejected(s, in == loopback, trace);
                return;
            }
            case HookResult.Pass pass -> p = pass.packet();
        }
        Ipv4Address dst = p.ip().dst();
        boolean loopbackAddress = dst.isLoopback() || p.ip().src().isLoopback();
        if (loopbackAddress && !localnetAllowed(in)) {
            // ip_route_input_slow: martian destination or source
            if (trace.recording()) {
                trace.step(namespace + ": dropped martian " + p.ip().src() + " -> " + dst + " on " + in.name()
                        + " (net.ipv4.conf." + in.name() + ".route_localnet=0)");
            }
            return;
        }
        if (addresses.isLocal(dst) || addresses.isBroadcast(dst)) {
            localInput(in, p, trace);
        } else if (!forwarding) {
            // ip_error() with forwarding off on the input device: dropped without an ICMP error
            if (trace.recording()) {
                trace.step(namespace + ": dropped, not a local address and net.ipv4.ip_forward=0");
            }
        } else {
            forward(in, p, trace);
        }
    }

    private void localInput(NetDevice in, NfPacket p, Trace trace) {
        switch (netfilter.run(Hook.INPUT, p, in.name(), "", false, trace)) {
            case HookResult.Stopped s -> rejected(s, in == loopback, trace);
            case HookResult.Pass pass -> deliverLocally(in, pass.packet().ip(), trace);
        }
    }

    private void forward(NetDevice in, NfPacket p, Trace trace) {
        Ipv4Packet ip = p.ip();
        Optional<RouteEntry> route = routes.lookup(ip.dst());
        if (route.isEmpty()) {
            if (trace.recording()) {
                trace.step(namespace + ": no route to " + ip.dst() + ", net unreachable");
            }
            // ip_error: the sender's peer bucket pays route.error_cost before icmp_send is asked
            if (icmpLimit.routeErrorAllowed(ip.src())) {
                sendError(ip, IcmpMessage.DEST_UNREACHABLE, IcmpMessage.CODE_NET_UNREACHABLE, in == loopback, trace);
            } else if (trace.recording()) {
                trace.step(namespace + ": no net unreachable to " + ip.src() + ", rate-limited (ip_error: route.error_cost"
                        + " tokens of that peer spent)");
            }
            return;
        }
        if (ip.ttl() <= 1) {
            sendError(ip, IcmpMessage.TIME_EXCEEDED, 0, in == loopback, trace);
            return;
        }
        NfPacket decremented = p.withIp(ip.withTtl(ip.ttl() - 1));
        if (trace.recording()) {
            trace.step(namespace + ": forwards via " + route.get());
        }
        switch (netfilter.run(Hook.FORWARD, decremented, in.name(), route.get().device().name(), false, trace)) {
            case HookResult.Stopped s -> rejected(s, in == loopback, trace);
            case HookResult.Pass pass -> postRouting(route.get(), pass.packet(), trace);
        }
    }

    private boolean postRouting(RouteEntry route, NfPacket p, Trace trace) {
        NetDevice out = route.device();
        switch (netfilter.run(Hook.POSTROUTING, p, "", out.name(), false, trace)) {
            case HookResult.Stopped s -> {
                rejected(s, out == loopback, trace);
                return false;
            }
            case HookResult.Pass pass -> {
                Ipv4Packet ip = pass.packet().ip();
                if (out == loopback) {
                    Frame frame = new Frame(new EthernetFrame(MacAddress.ZERO, MacAddress.ZERO, ip).encode(), trace);
                    pass.packet().ct().ifPresent(ct -> loopbackConntrack.put(frame, ct));
                    out.transmit(frame);
                } else if (addresses.isBroadcast(ip.dst())) {
                    transmit(out, MacAddress.BROADCAST, ip, trace);
                } else if (out.noArp()) {
                    // arp_constructor: on an IFF_NOARP device every neighbour has the device's own address
                    transmit(out, out.mac(), ip, trace);
                } else {
                    neighbours.send(out, route.nextHop(ip.dst()), ip, trace);
                }
                return true;
            }
        }
    }

    /**
     * A packet of an ipvlan l3 child on {@code via} (a device of this namespace) for no sibling: routed here as
     * ipvlan_process_v4_outbound does, by the routes out of {@code via} only (flowi4_oif), or when none matches as if
     * the destination were on the link; then OUTPUT and POSTROUTING, and this namespace's neighbour table resolves
     * the next hop on {@code via}. Broadcasts are dropped (only unicast routes are taken).
     */
    @Override
    public void routeOut(NetDevice via, Frame frame) {
        if (!(EthernetFrame.decode(frame.bytes()).payload() instanceof Ipv4Packet ip)) {
            return;
        }
        Trace trace = frame.trace();
        if (addresses.isBroadcastOrMulticast(ip.dst())) {
            return;
        }
        RouteEntry route = routes.lookup(ip.dst(), via)
                .orElseGet(() -> new RouteEntry(Ipv4Prefix.of(ip.dst(), 32), Optional.empty(), via, 0, Optional.empty(), false));
        switch (netfilter.run(Hook.OUTPUT, NfPacket.untracked(ip), "", via.name(), false, trace)) {
            case HookResult.Stopped s -> rejected(s, false, trace);
            case HookResult.Pass pass -> postRouting(route, pass.packet(), trace);
        }
    }

    void transmit(NetDevice device, MacAddress dst, Ipv4Packet ip, Trace trace) {
        device.transmit(new Frame(new EthernetFrame(dst, device.mac(), ip).encode(), trace));
    }

    /**
     * The neighbour never answered: like arp_error_report, tell the packet's sender the host is unreachable (the
     * packet's device is then the one it was to leave by, which resolves neighbours, so never {@code lo}).
     */
    void neighbourFailed(Ipv4Packet ip, Trace trace) {
        sendError(ip, IcmpMessage.DEST_UNREACHABLE, IcmpMessage.CODE_HOST_UNREACHABLE, false, trace);
    }

    /**
     * A REJECT rule's answer to the packet it stopped: an ICMP error (icmp_send, which leaves conntrack to find the
     * connection from the quoted header), or for tcp-reset a RST attached to the packet's connection in the reply
     * direction (nf_send_reset with nf_ct_attach), so that NAT is undone on it.
     *
     * @param onLoopback whether the packet's device at that hook is {@code lo} (it arrived on lo, or leaves by it in
     *                   POSTROUTING): its ICMP error is then not rate-limited
     */
    void rejected(HookResult.Stopped stopped, boolean onLoopback, Trace trace) {
        if (stopped.rejection().isEmpty()) {
            return;
        }
        Ipv4Packet ip = stopped.packet().ip();
        switch (stopped.rejection().get()) {
            case Rejection.IcmpUnreachable(int code) -> sendError(ip, IcmpMessage.DEST_UNREACHABLE, code, onLoopback, trace);
            case Rejection.TcpReset r when ip.payload() instanceof TcpSegment t -> {
                if (t.has(TcpSegment.RST) || addresses.isBroadcastOrMulticast(ip.dst())) {
                    return;
                }
                Optional<CtInfo> attached = stopped.packet().ct().flatMap(ct -> ct.connection()
                        .map(c -> new CtInfo(CtState.RELATED, Optional.of(c), !ct.replyDirection())));
                Ipv4Packet rst = new Ipv4Packet(ip.dst(), ip.src(), DEFAULT_TTL, 0, true, TcpSegment.resetFor(t));
                if (trace.recording()) {
                    trace.step(namespace + " sends " + rst.summary());
                }
                send(new NfPacket(rst, attached), trace);
            }
            case Rejection.TcpReset r -> sendError(ip, IcmpMessage.DEST_UNREACHABLE, IcmpMessage.CODE_PORT_UNREACHABLE, onLoopback, trace);
        }
    }

    private void deliverLocally(NetDevice in, Ipv4Packet ip, Trace trace) {
        if (trace.recording()) {
            trace.step(namespace + " receives " + ip.summary());
        }
        switch (ip.payload()) {
            case IcmpMessage m when m.type() == IcmpMessage.ECHO_REQUEST -> {
                Ipv4Address from = addresses.isLocal(ip.dst()) ? ip.dst() : sourceFor(ip.src()).orElse(ip.dst());
                send(new Ipv4Packet(from, ip.src(), DEFAULT_TTL, nextIdentification(), false, m.echoReply()), trace);
            }
            case IcmpMessage m when m.isError() -> icmpError(ip, m, trace);
            case IcmpMessage m -> List.copyOf(listeners).forEach(l -> l.onIcmp(ip, m, trace));
            case TcpSegment t -> tcp.receive(ip, t, trace);
            case UdpDatagram u -> udp.receive(ip, u, in == loopback, trace);
            case OpaqueIpPayload o when o.protocol() == EspTransform.PROTOCOL -> esp.unprotect(ip, o.bytes()).ifPresentOrElse(plain -> {
                // xfrm_input: the decrypted packet goes on to its socket, which knows it came inside ESP
                if (trace.recording()) {
                    trace.step(namespace + " decrypts ESP from " + ip.src() + ": " + plain.summary());
                }
                decrypted = true;
                try {
                    deliverLocally(in, plain, trace);
                } finally {
                    decrypted = false;
                }
            }, () -> {
                if (trace.recording()) {
                    trace.step(namespace + ": ESP from " + ip.src() + " that no security association here decrypts, dropped");
                }
            });
            case OpaqueIpPayload o -> { }
        }
    }

    /** Replaces the namespace's IPsec associations (xfrm states and policies). */
    public void replaceIpsec(List<IpsecAssociation> associations) {
        esp = associations.isEmpty() ? EspTransform.NONE : new EspTransform(associations);
    }

    EspTransform esp() {
        return esp;
    }

    /** Whether the packet being delivered arrived inside ESP (xfrm's secpath; Docker's {@code -m policy --dir in}). */
    boolean deliveringDecrypted() {
        return decrypted;
    }

    /** An ICMP error goes to the socket that sent what it quotes: TCP and UDP by their ports, the rest to ping. */
    private void icmpError(Ipv4Packet ip, IcmpMessage m, Trace trace) {
        Optional<Ipv4Packet> quoted = m.quoted();
        int protocol = quoted.map(Ipv4Packet::protocol).orElse(-1);
        if (protocol == TcpSegment.PROTOCOL) {
            tcp.icmpError(ip, m, quoted.get(), trace);
        } else if (protocol == UdpDatagram.PROTOCOL) {
            udp.icmpError(ip, m, quoted.get(), trace);
        } else {
            List.copyOf(listeners).forEach(l -> l.onIcmp(ip, m, trace));
        }
    }

    /**
     * icmp_send(): never about an ICMP error or a packet from nowhere; from the address routing picks back; within the
     * namespace's and the destination's rate limits ({@link IcmpRateLimit}).
     *
     * @param arrivedOnLoopback whether the offending packet's device is {@code lo} (then no limit applies)
     */
    void sendError(Ipv4Packet offending, int type, int code, boolean arrivedOnLoopback, Trace trace) {
        boolean aboutError = offending.payload() instanceof IcmpMessage m && m.isError();
        if (aboutError || offending.src().equals(Ipv4Address.ANY) || addresses.isBroadcast(offending.dst())) {
            return;
        }
        IcmpRateLimit.Check check = icmpLimit.globalCheck(type, code, arrivedOnLoopback);
        if (check == IcmpRateLimit.Check.REFUSED) {
            traceRateLimited(offending, type, "icmp_msgs_per_sec credit of " + namespace + " spent", trace);
            return;
        }
        Optional<RouteEntry> back = outputRoute(offending.src());
        Optional<Ipv4Address> from = addresses.isLocal(offending.dst()) && !offending.dst().isLoopback()
                ? Optional.of(offending.dst()) : sourceFor(offending.src());
        if (from.isEmpty() || back.isEmpty()) {
            return;
        }
        if (!icmpLimit.peerAllows(check, offending.src(), back.get().device() == loopback)) {
            traceRateLimited(offending, type, "icmp_ratelimit tokens of that peer spent", trace);
            return;
        }
        Ipv4Packet error = new Ipv4Packet(from.get(), offending.src(), DEFAULT_TTL, nextIdentification(), false,
                IcmpMessage.error(type, code, offending));
        if (trace.recording()) {
            trace.step(namespace + " sends " + error.summary());
        }
        send(error, trace);
    }

    private void traceRateLimited(Ipv4Packet offending, int type, String why, Trace trace) {
        if (trace.recording()) {
            trace.step(namespace + ": no ICMP " + (type == IcmpMessage.TIME_EXCEEDED ? "time exceeded" : "unreachable") + " to "
                    + offending.src() + ", rate-limited (" + why + ")");
        }
    }

    @Override
    public String toString() {
        return "stack of " + namespace;
    }
}
