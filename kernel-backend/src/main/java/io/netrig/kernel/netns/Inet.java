package io.netrig.kernel.netns;

import io.netrig.model.net.Ipv4Address;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** The model's IPv4 addresses as {@code java.net} ones, without any name lookup. */
public final class Inet {
    private Inet() {
    }

    public static Inet4Address address(Ipv4Address address) {
        try {
            return (Inet4Address) InetAddress.getByAddress(address.toBytes());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    public static InetSocketAddress socket(Ipv4Address address, int port) {
        return new InetSocketAddress(address(address), port);
    }
}
