package io.netrig.sim.device;

import io.netrig.model.net.Ipv4Address;

/**
 * The UDP socket of a VXLAN device in its underlay namespace (Linux's vxlan_sock), shared by every VXLAN device of
 * that namespace on the same port, which it tells apart by VNI.
 */
public interface VxlanTransport {
    /** A new device on this socket; refused when another one has its VNI. */
    void add(VxlanDevice device);

    /** Encapsulates {@code inner} and sends it through the underlay namespace to the VTEP at {@code remote}. */
    void send(VxlanDevice from, Ipv4Address remote, Frame inner);

    /** The device is deleted: its VNI is free again, and the socket closes with its last device. */
    void remove(VxlanDevice device);
}
