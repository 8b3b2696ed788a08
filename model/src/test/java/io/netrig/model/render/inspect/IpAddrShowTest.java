package io.netrig.model.render.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.MacAddress;
import io.netrig.model.render.inspect.IpLink.IpAddr;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class IpAddrShowTest {
    private static final List<String> UP = List.of("BROADCAST", "MULTICAST", "UP", "LOWER_UP");

    @Test
    void printsLinksAsIproute2DoesWithPeersMastersAndAddresses() {
        IpLink lo = new IpLink(1, "lo", OptionalInt.empty(), Optional.empty(), List.of("LOOPBACK", "UP", "LOWER_UP"), 65536, "noqueue",
                Optional.empty(), "UNKNOWN", 1000, "loopback", MacAddress.ZERO, MacAddress.ZERO, OptionalInt.empty(),
                List.of(new IpAddr(Ipv4Interface.parse("127.0.0.1/8"), Optional.empty(), "host", "lo")));
        IpLink docker0 = new IpLink(3, "docker0", OptionalInt.empty(), Optional.empty(), UP, 1500, "noqueue", Optional.empty(), "UP", 0,
                "ether", MacAddress.parse("02:42:8c:3a:1b:2e"), MacAddress.BROADCAST, OptionalInt.empty(),
                List.of(new IpAddr(Ipv4Interface.parse("172.17.0.1/16"), Optional.of(Ipv4Address.parse("172.17.255.255")), "global", "docker0")));
        IpLink veth = new IpLink(5, "veth1a2b3c4", OptionalInt.of(4), Optional.empty(), UP, 1500, "noqueue", Optional.of("docker0"), "UP", 0,
                "ether", MacAddress.parse("96:6e:1c:00:aa:01"), MacAddress.BROADCAST, OptionalInt.of(0), List.of());
        assertEquals("""
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                    inet 127.0.0.1/8 scope host lo
                       valid_lft forever preferred_lft forever
                3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default\s
                    link/ether 02:42:8c:3a:1b:2e brd ff:ff:ff:ff:ff:ff
                    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0
                       valid_lft forever preferred_lft forever
                5: veth1a2b3c4@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP group default\s
                    link/ether 96:6e:1c:00:aa:01 brd ff:ff:ff:ff:ff:ff link-netnsid 0
                """, IpAddrShow.render(List.of(lo, docker0, veth)),
                "every field is followed by a space, so a line without qlen ends in 'group default '");
    }

    @Test
    void aPeerInTheSameNamespaceIsNamed() {
        IpLink mv = new IpLink(4, "macvlan_host", OptionalInt.empty(), Optional.of("ens160"), UP, 1500, "noqueue", Optional.empty(), "UP", 0,
                "ether", MacAddress.parse("02:00:00:00:00:07"), MacAddress.BROADCAST, OptionalInt.empty(), List.of());
        assertEquals("4: macvlan_host@ens160: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default \n"
                + "    link/ether 02:00:00:00:00:07 brd ff:ff:ff:ff:ff:ff\n", IpAddrShow.render(List.of(mv)));
    }
}
