package io.netrig.sim.device;

import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.LinkRef;
import io.netrig.sim.core.Simulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Linux bridge: learns source MACs per port, forwards known unicast, floods the rest, and is itself an
 * interface of its namespace (frames for its own MAC, and broadcasts, go up to the stack; what the stack sends
 * on it is switched to the ports).
 */
public final class BridgeDevice extends NetDevice {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeDevice.class);

    private final long ageingNanos;
    private final List<NetDevice> ports = new ArrayList<>();
    private final Map<MacAddress, Learned> fdb = new HashMap<>();
    private BridgeFilter filter = BridgeFilter.none();

    private record Learned(NetDevice port, long seenAt) {
    }

    public BridgeDevice(Simulator sim, LinkRef ref, MacAddress mac, Duration ageing) {
        super(sim, ref, mac);
        this.ageingNanos = ageing.toNanos();
    }

    public void addPort(NetDevice port, boolean hairpin, boolean isolated) {
        if (port.membership().isPresent()) {
            throw new IllegalStateException(port.ref() + " is already a port of " + port.membership().get().bridge().ref());
        }
        if (port.macvlanPort().isPresent() || port.ipvlanPort().isPresent()) {
            throw new IllegalStateException(port.ref() + " cannot be a port of " + ref()
                    + ": it is the parent of macvlan or ipvlan interfaces (Linux: Device or resource busy)");
        }
        port.enslave(new PortMembership(this, hairpin, isolated));
        ports.add(port);
    }

    /** {@code ip link set PORT nomaster} or the port's deletion: it leaves, and the FDB forgets what it learned there. */
    void removePort(NetDevice port) {
        if (ports.remove(port)) {
            port.release();
            fdb.values().removeIf(l -> l.port() == port);
        }
    }

    /** The bridge itself is deleted: every port is released. */
    @Override
    void detachFromLower() {
        List.copyOf(ports).forEach(this::removePort);
    }

    public List<NetDevice> ports() {
        return List.copyOf(ports);
    }

    public void setFilter(BridgeFilter value) {
        this.filter = Objects.requireNonNull(value, "filter");
    }

    /** The stack sends on the bridge interface: switch the frame to the ports; no br_netfilter for local output. */
    @Override
    protected void sendOnMedium(Frame frame) {
        MacAddress dst = MacAddress.fromBytes(frame.bytes(), 0);
        for (NetDevice out : destinations(dst)) {
            out.transmit(frame);
        }
    }

    /** A frame received on one of the ports. */
    void input(NetDevice port, Frame frame) {
        MacAddress src = MacAddress.fromBytes(frame.bytes(), 6);
        MacAddress dst = MacAddress.fromBytes(frame.bytes(), 0);
        if (!src.isMulticast()) {
            fdb.put(src, new Learned(port, sim.now()));
        }
        if (dst.equals(mac())) {
            up(frame);
            return;
        }
        boolean toAll = dst.isMulticast();
        if (!toAll && tapped()) {
            // tcpdump puts the bridge in promiscuous mode, and Linux then passes bridged frames up too
            tap(Direction.IN, frame);
        }
        forward(port, dst, frame);
        if (toAll) {
            up(frame);  // br_handle_frame_finish floods first, then passes the frame up
        }
    }

    private void forward(NetDevice port, MacAddress dst, Frame frame) {
        List<NetDevice> outs = new ArrayList<>();
        PortMembership from = port.membership().orElseThrow();
        for (NetDevice out : destinations(dst)) {
            PortMembership to = out.membership().orElseThrow();
            boolean back = out == port && !from.hairpin();
            boolean isolated = from.isolated() && to.isolated();
            if (!back && !isolated) {
                outs.add(out);
            }
        }
        if (outs.isEmpty()) {
            LOG.trace("{}: frame from {} to {} not forwarded", ref(), port.ref(), dst);
            return;
        }
        if (frame.trace().recording()) {
            frame.trace().step(ref() + " bridges to " + outs.stream().map(NetDevice::name).toList());
        }
        filter.filter(this, port, frame, outs).forEach(NetDevice::transmit);
    }

    private void up(Frame frame) {
        tap(Direction.IN, frame);
        deliverUp(frame);
    }

    /** The ports a frame for {@code dst} goes to: the learned port if fresh, else all of them (flooding). */
    private List<NetDevice> destinations(MacAddress dst) {
        if (!dst.isMulticast()) {
            Learned learned = fdb.get(dst);
            if (learned != null && sim.now() - learned.seenAt() < ageingNanos) {
                return List.of(learned.port());
            }
        }
        return List.copyOf(ports);
    }
}
