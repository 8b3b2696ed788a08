package io.netrig.sim.device;

import io.netrig.model.net.MacAddress;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.MacvlanMode;
import io.netrig.sim.core.Simulator;
import java.util.Objects;

/**
 * A macvlan interface: its own MAC in its own namespace, with no medium of its own. What it sends goes through its
 * parent's {@link MacvlanPort}; what it receives was handed over by that port (never seen by the parent's stack).
 */
public final class MacvlanDevice extends NetDevice {
    private final MacvlanMode mode;
    private final MacvlanPort port;

    private MacvlanDevice(Simulator sim, LinkRef ref, MacAddress mac, MacvlanMode mode, MacvlanPort port) {
        super(sim, ref, mac);
        this.mode = mode;
        this.port = port;
    }

    /**
     * Creates the macvlan {@code ref} on {@code parent}, as {@code ip link add link PARENT type macvlan mode MODE}.
     * In passthru mode the interface takes the parent's MAC (the seeded or configured {@code mac} is not used).
     */
    public static MacvlanDevice create(Simulator sim, LinkRef ref, MacAddress mac, MacvlanMode mode, NetDevice parent) {
        Objects.requireNonNull(mode, "mode");
        MacvlanPort port = parent.macvlanPortForChildren();
        MacvlanDevice device = new MacvlanDevice(sim, ref, mode == MacvlanMode.PASSTHRU ? parent.mac() : mac, mode, port);
        port.add(device);
        return device;
    }

    public MacvlanMode mode() {
        return mode;
    }

    /** The parent (Linux's lowerdev). */
    public NetDevice parent() {
        return port.lower();
    }

    @Override
    protected void sendOnMedium(Frame frame) {
        port.transmit(this, frame);
    }

    @Override
    void detachFromLower() {
        port.remove(this);
    }

    /** The port hands a frame to this interface (macvlan's netif_rx on the child). */
    void receive(Frame frame) {
        tap(Direction.IN, frame);
        deliverUp(frame);
    }
}
