package io.netrig.model.firewall;

import io.netrig.model.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** One condition of a rule. Each kind renders itself as iptables arguments. Closed set. */
public sealed interface Match {

    /** The arguments iptables-save prints for this match. */
    List<String> args();

    private static List<String> neg(boolean negated, String... rest) {
        List<String> out = new ArrayList<>();
        if (negated) {
            out.add("!");
        }
        out.addAll(List.of(rest));
        return out;
    }

    /** {@code -i name}; a trailing '+' matches any name with that prefix. */
    record InInterface(String pattern, boolean negated) implements Match {
        public InInterface {
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public List<String> args() {
            return neg(negated, "-i", pattern);
        }
    }

    /** {@code -o name}; a trailing '+' matches any name with that prefix. */
    record OutInterface(String pattern, boolean negated) implements Match {
        public OutInterface {
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public List<String> args() {
            return neg(negated, "-o", pattern);
        }
    }

    record Source(Ipv4Prefix prefix, boolean negated) implements Match {
        public Source {
            Objects.requireNonNull(prefix, "prefix");
        }

        @Override
        public List<String> args() {
            return neg(negated, "-s", prefix.toString());
        }
    }

    record Destination(Ipv4Prefix prefix, boolean negated) implements Match {
        public Destination {
            Objects.requireNonNull(prefix, "prefix");
        }

        @Override
        public List<String> args() {
            return neg(negated, "-d", prefix.toString());
        }
    }

    record Protocol(IpProtocol protocol, boolean negated) implements Match {
        public Protocol {
            Objects.requireNonNull(protocol, "protocol");
        }

        @Override
        public List<String> args() {
            List<String> out = new ArrayList<>(neg(negated, "-p", protocol.iptablesName()));
            if (!negated && (protocol == IpProtocol.TCP || protocol == IpProtocol.UDP)) {
                out.addAll(List.of("-m", protocol.iptablesName()));
            }
            return out;
        }
    }

    /** {@code --dport from[:to]}; must follow a tcp or udp Protocol match. */
    record DestinationPort(int from, int to, boolean negated) implements Match {
        public DestinationPort {
            checkPorts(from, to);
        }

        @Override
        public List<String> args() {
            return neg(negated, "--dport", portText(from, to));
        }
    }

    /** {@code --sport from[:to]}; must follow a tcp or udp Protocol match. */
    record SourcePort(int from, int to, boolean negated) implements Match {
        public SourcePort {
            checkPorts(from, to);
        }

        @Override
        public List<String> args() {
            return neg(negated, "--sport", portText(from, to));
        }
    }

    /** {@code -m conntrack --ctstate A,B}. */
    record Conntrack(Set<CtState> states, boolean negated) implements Match {
        public Conntrack {
            if (states.isEmpty()) {
                throw new IllegalArgumentException("a conntrack match needs at least one state");
            }
            states = Set.copyOf(states);
        }

        @Override
        public List<String> args() {
            String list = new TreeSet<>(states).stream().map(Enum::name).collect(Collectors.joining(","));
            List<String> out = new ArrayList<>(List.of("-m", "conntrack"));
            out.addAll(neg(negated, "--ctstate", list));
            return out;
        }
    }

    /** {@code -m addrtype --dst-type T} (or {@code --src-type} when {@code source}). */
    record AddressType(AddrType type, boolean source, boolean negated) implements Match {
        public AddressType {
            Objects.requireNonNull(type, "type");
        }

        @Override
        public List<String> args() {
            List<String> out = new ArrayList<>(List.of("-m", "addrtype"));
            out.addAll(neg(negated, source ? "--src-type" : "--dst-type", type.name()));
            return out;
        }
    }

    /** {@code -m physdev --physdev-is-bridged}: the packet is being bridged (seen through br_netfilter). */
    record PhysdevIsBridged(boolean negated) implements Match {
        @Override
        public List<String> args() {
            List<String> out = new ArrayList<>(List.of("-m", "physdev"));
            out.addAll(neg(negated, "--physdev-is-bridged"));
            return out;
        }
    }

    private static void checkPorts(int from, int to) {
        if (from < 0 || from > 65535 || to < from || to > 65535) {
            throw new IllegalArgumentException("port range " + from + ":" + to + " is not within 0-65535");
        }
    }

    private static String portText(int from, int to) {
        return from == to ? Integer.toString(from) : from + ":" + to;
    }
}
