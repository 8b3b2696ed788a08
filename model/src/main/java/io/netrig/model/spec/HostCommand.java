package io.netrig.model.spec;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.Ipv4Prefix;
import io.netrig.model.topology.MacvlanMode;
import java.util.Objects;
import java.util.Optional;

/**
 * One literal command a spec runs on a host after Docker has set it up ({@code commands:}), as iproute2 and procps
 * take it. Each keeps its text and where it was written ({@link #path()}: {@code commands.HOST.N}).
 */
public sealed interface HostCommand {
    /** The command as written. */
    String text();

    /** Where the command was written. */
    SpecPath path();

    /** {@code ip link add NAME link PARENT type macvlan mode MODE}: a macvlan on one of the host's interfaces. */
    record AddMacvlan(String text, SpecPath path, String name, String parent, MacvlanMode mode) implements HostCommand {
        public AddMacvlan {
            check(text, path);
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(parent, "parent");
            Objects.requireNonNull(mode, "mode");
        }
    }

    /** {@code ip link add link PARENT name NAME type vlan id ID}: an 802.1q sub-interface. */
    record AddVlan(String text, SpecPath path, String name, String parent, int vlanId) implements HostCommand {
        public AddVlan {
            check(text, path);
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(parent, "parent");
        }
    }

    /** {@code ip link add NAME type dummy}. */
    record AddDummy(String text, SpecPath path, String name) implements HostCommand {
        public AddDummy {
            check(text, path);
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code ip link set [dev] NAME up}: every interface of a lab is up, so this only checks that NAME exists. */
    record SetUp(String text, SpecPath path, String name) implements HostCommand {
        public SetUp {
            check(text, path);
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code ip addr add A/LEN dev NAME}. */
    record AddAddress(String text, SpecPath path, Ipv4Interface address, String dev) implements HostCommand {
        public AddAddress {
            check(text, path);
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(dev, "dev");
        }
    }

    /** {@code ip route add PREFIX|default [via GW] [dev NAME] [src A] [metric N]}. */
    record AddRoute(String text, SpecPath path, Ipv4Prefix to, Optional<Ipv4Address> via, Optional<String> dev,
                    Optional<Ipv4Address> src, int metric) implements HostCommand {
        public AddRoute {
            check(text, path);
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(via, "via");
            Objects.requireNonNull(dev, "dev");
            Objects.requireNonNull(src, "src");
        }
    }

    /** {@code sysctl -w KEY=VALUE}. */
    record SetSysctl(String text, SpecPath path, String key, String value) implements HostCommand {
        public SetSysctl {
            check(text, path);
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code iptables …}: a rule appended or inserted, a chain created, a policy set. */
    record Iptables(String text, SpecPath path, IptablesEdit edit) implements HostCommand {
        public Iptables {
            check(text, path);
            Objects.requireNonNull(edit, "edit");
        }
    }

    private static void check(String text, SpecPath path) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(path, "path");
    }
}
