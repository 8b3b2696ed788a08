package io.netrig.sim.device;

import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.LinkRef;
import io.netrig.sim.core.Simulator;
import io.netrig.sim.wire.EthernetFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A network interface of a namespace. Upper layers call {@link #transmit}; frames from the medium come in through
 * {@link #arrive}, go to the bridge the device is a port of or the macvlan port on top of it (like Linux's
 * rx_handler, of which a device has at most one), or else up to the stack.
 */
public abstract sealed class NetDevice permits VethEnd, BridgeDevice, LoopbackDevice, MacvlanDevice {
    protected final Simulator sim;
    private final LinkRef ref;
    private final MacAddress mac;
    private final List<FrameTap> taps = new ArrayList<>();
    private FrameSink upper = (device, frame) -> { };
    private Optional<PortMembership> membership = Optional.empty();
    private Optional<MacvlanPort> macvlanPort = Optional.empty();

    protected NetDevice(Simulator sim, LinkRef ref, MacAddress mac) {
        this.sim = Objects.requireNonNull(sim, "sim");
        this.ref = Objects.requireNonNull(ref, "ref");
        this.mac = Objects.requireNonNull(mac, "mac");
    }

    public LinkRef ref() {
        return ref;
    }

    public String name() {
        return ref.name().value();
    }

    public MacAddress mac() {
        return mac;
    }

    /** Where received frames go when the device is not a bridge port. */
    public void attachUpper(FrameSink sink) {
        this.upper = Objects.requireNonNull(sink, "sink");
    }

    public Optional<PortMembership> membership() {
        return membership;
    }

    void enslave(PortMembership value) {
        this.membership = Optional.of(value);
    }

    /** The macvlan port when macvlan interfaces sit on top of this one (it is their lower device). */
    public Optional<MacvlanPort> macvlanPort() {
        return macvlanPort;
    }

    /** The port for macvlans on this device, created with the first of them as Linux's macvlan_port_create does. */
    MacvlanPort macvlanPortForChildren() {
        if (membership.isPresent()) {
            // netdev_rx_handler_register: the bridge already holds the rx_handler
            throw new IllegalStateException("cannot put a macvlan on " + ref + ": it is a port of "
                    + membership.get().bridge().ref() + " (Linux: Device or resource busy)");
        }
        if (macvlanPort.isEmpty()) {
            macvlanPort = Optional.of(new MacvlanPort(sim, this));
        }
        return macvlanPort.get();
    }

    public void addTap(FrameTap tap) {
        taps.add(tap);
    }

    public void removeTap(FrameTap tap) {
        taps.remove(tap);
    }

    protected boolean tapped() {
        return !taps.isEmpty();
    }

    /** Sends a frame out of this interface. */
    public final void transmit(Frame frame) {
        tap(Direction.OUT, frame);
        if (frame.trace().recording()) {
            frame.trace().step(ref + " out: " + EthernetFrame.decode(frame.bytes()).summary());
        }
        sendOnMedium(frame);
    }

    /** A frame reaches this interface from its medium (the veth peer, the loopback). */
    protected void arrive(Frame frame) {
        tap(Direction.IN, frame);
        if (membership.isPresent()) {
            membership.get().bridge().input(this, frame);
        } else if (macvlanPort.isPresent()) {
            if (macvlanPort.get().input(frame)) {
                deliverUp(frame);
            }
        } else {
            deliverUp(frame);
        }
    }

    protected final void deliverUp(Frame frame) {
        upper.receive(this, frame);
    }

    protected final void tap(Direction direction, Frame frame) {
        for (FrameTap tap : List.copyOf(taps)) {
            tap.onFrame(this, direction, sim.now(), frame.bytes());
        }
    }

    protected abstract void sendOnMedium(Frame frame);

    @Override
    public String toString() {
        return ref.toString();
    }
}
