package io.netrig.sim.device;

import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.MacvlanMode;
import io.netrig.sim.core.Simulator;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The macvlan interfaces on one lower device, and how frames move between them, the lower device's wire and its
 * own stack, following drivers/net/macvlan.c: {@link #transmit} is macvlan_queue_xmit, {@link #input} is
 * macvlan_handle_frame with macvlan_process_broadcast. Nothing a child transmits is ever received by the lower
 * device's stack, and nothing the lower device's stack transmits reaches a child except back from the wire.
 * Deliveries to children are scheduled, not called, as Linux queues them (netif_rx, the broadcast work queue).
 */
public final class MacvlanPort {
    private static final Set<MacvlanMode> FROM_OUTSIDE = EnumSet.allOf(MacvlanMode.class);

    private final Simulator sim;
    private final NetDevice lower;
    private final List<MacvlanDevice> children = new ArrayList<>();

    MacvlanPort(Simulator sim, NetDevice lower) {
        this.sim = sim;
        this.lower = lower;
    }

    public NetDevice lower() {
        return lower;
    }

    public List<MacvlanDevice> children() {
        return List.copyOf(children);
    }

    void add(MacvlanDevice child) {
        boolean passthru = !children.isEmpty() && children.getFirst().mode() == MacvlanMode.PASSTHRU;
        if (passthru || (!children.isEmpty() && child.mode() == MacvlanMode.PASSTHRU)) {
            throw new IllegalStateException("cannot add macvlan " + child.ref() + " on " + lower.ref()
                    + ": a passthru macvlan must be the only one on its parent (Linux: Invalid argument)");
        }
        if (child.mode() != MacvlanMode.PASSTHRU && (child.mac().equals(lower.mac()) || byMac(child.mac()).isPresent())) {
            throw new IllegalStateException("cannot add macvlan " + child.ref() + " on " + lower.ref() + ": MAC "
                    + child.mac() + " is already used on that parent (Linux: Address already in use)");
        }
        children.add(child);
    }

    /** The child is deleted; with the last one the port goes too (macvlan_port_destroy). */
    void remove(MacvlanDevice child) {
        children.remove(child);
        if (children.isEmpty()) {
            lower.dropMacvlanPort();
        }
    }

    /** A child sends a frame (macvlan_queue_xmit). */
    void transmit(MacvlanDevice from, Frame frame) {
        MacAddress dst = MacAddress.fromBytes(frame.bytes(), 0);
        switch (from.mode()) {
            case BRIDGE -> {
                if (dst.isMulticast()) {
                    broadcast(frame, Optional.of(from), EnumSet.of(MacvlanMode.BRIDGE));
                    lower.transmit(frame);
                    return;
                }
                Optional<MacvlanDevice> sibling = byMac(dst).filter(d -> d.mode() == MacvlanMode.BRIDGE);
                if (sibling.isPresent()) {
                    if (frame.trace().recording()) {
                        frame.trace().step(lower.ref() + " macvlan bridge: " + from.ref() + " -> " + sibling.get().ref()
                                + " inside the parent, not on the wire");
                    }
                    // dev_forward_skb(lowerdev): the lower device receives it (its taps see it), then hands it over
                    sim.schedule(0, "macvlan " + from.ref() + " -> " + lower.ref(), () -> lower.arrive(frame));
                    return;
                }
                lower.transmit(frame);
            }
            case PRIVATE, VEPA, PASSTHRU -> lower.transmit(frame);
        }
    }

    /**
     * The lower device received {@code frame} from its wire (or from a bridge-mode child, see {@link #transmit}).
     * Returns whether the lower device's own stack gets it too (RX_HANDLER_PASS).
     */
    boolean input(Frame frame) {
        MacAddress dst = MacAddress.fromBytes(frame.bytes(), 0);
        MacAddress src = MacAddress.fromBytes(frame.bytes(), 6);
        if (dst.isMulticast()) {
            Optional<MacvlanDevice> from = byMac(src);
            if (from.isEmpty()) {
                broadcast(frame, from, FROM_OUTSIDE);
                return true;
            }
            switch (from.get().mode()) {
                case VEPA -> broadcast(frame, from, EnumSet.of(MacvlanMode.VEPA, MacvlanMode.BRIDGE));
                // bridge-mode children already got it on the way out
                case BRIDGE -> broadcast(frame, from, EnumSet.of(MacvlanMode.VEPA));
                case PRIVATE, PASSTHRU -> {
                    // reflected back by the outside switch: "forward to original port" only, siblings never see it
                    deliver(from.get(), frame);
                    return false;
                }
            }
            return true;
        }
        Optional<MacvlanDevice> to = isPassthru() ? Optional.of(children.getFirst()) : byMac(dst);
        if (to.isEmpty()) {
            return true;
        }
        deliver(to.get(), frame);
        return false;
    }

    private boolean isPassthru() {
        return !children.isEmpty() && children.getFirst().mode() == MacvlanMode.PASSTHRU;
    }

    private void broadcast(Frame frame, Optional<MacvlanDevice> source, Set<MacvlanMode> modes) {
        for (MacvlanDevice child : children) {
            if (source.filter(s -> s == child).isEmpty() && modes.contains(child.mode())) {
                deliver(child, frame);
            }
        }
    }

    private void deliver(MacvlanDevice child, Frame frame) {
        if (frame.trace().recording()) {
            frame.trace().step(lower.ref() + " macvlan: to " + child.ref());
        }
        sim.schedule(0, "macvlan " + lower.ref() + " -> " + child.ref(), () -> child.receive(frame));
    }

    private Optional<MacvlanDevice> byMac(MacAddress mac) {
        return children.stream().filter(c -> c.mac().equals(mac)).findFirst();
    }
}
