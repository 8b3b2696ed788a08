package io.netrig.model.render.inspect;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.MacAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One interface as {@code ip addr show} prints it: the first line's fields, the link-layer line, the IPv4 addresses.
 *
 * @param linkIndex   the peer or parent interface ({@code eth0@if7}): its index when it lives in another namespace
 *                    ({@code linkNetnsid} is then set), else see {@code linkName}
 * @param linkName    the peer or parent's name when it is in the same namespace ({@code macvlan0@ens160})
 * @param qlen        the transmit queue length; 0 is not printed
 * @param linkNetnsid the id this namespace has for the namespace of the peer or parent
 */
public record IpLink(int index, String name, OptionalInt linkIndex, Optional<String> linkName, List<String> flags, int mtu,
                     String qdisc, Optional<String> master, String state, int qlen, String linkType, MacAddress address,
                     MacAddress broadcast, OptionalInt linkNetnsid, List<IpAddr> addresses) {
    public IpLink {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(linkIndex, "linkIndex");
        Objects.requireNonNull(linkName, "linkName");
        flags = List.copyOf(flags);
        Objects.requireNonNull(qdisc, "qdisc");
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(linkType, "linkType");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(broadcast, "broadcast");
        Objects.requireNonNull(linkNetnsid, "linkNetnsid");
        addresses = List.copyOf(addresses);
    }

    /** An IPv4 address of the interface: {@code inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0}. */
    public record IpAddr(Ipv4Interface address, Optional<Ipv4Address> broadcast, String scope, String label) {
        public IpAddr {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(broadcast, "broadcast");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(label, "label");
        }
    }
}
