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

    /**
     * {@code -m icmp --icmp-type T}: an ICMP message of one type (8 echo-request, 0 echo-reply, 3 destination
     * unreachable, 11 time exceeded); must follow {@code -p icmp}.
     */
    record IcmpType(int type, boolean negated) implements Match {
        public static final int ECHO_REQUEST = 8;

        public IcmpType {
            if (type < 0 || type > 255) {
                throw new IllegalArgumentException("ICMP type " + type + " is not within 0-255");
            }
        }

        @Override
        public List<String> args() {
            List<String> out = new ArrayList<>(List.of("-m", "icmp"));
            out.addAll(neg(negated, "--icmp-type", Integer.toString(type)));
            return out;
        }
    }

    /**
     * {@code -m statistic --mode nth --every N --packet P}: matches packet P, P+N, P+2N, … of those that reach the rule
     * (its own counter, starting at 0), as xt_statistic's nth mode does. Load balancing over N backends uses one such
     * rule per backend, with N, N-1, … 1.
     */
    record Statistic(int every, int packet) implements Match {
        public Statistic {
            if (every < 1 || packet < 0 || packet >= every) {
                throw new IllegalArgumentException("statistic nth needs every >= 1 and 0 <= packet < every, got every "
                        + every + " packet " + packet);
            }
        }

        @Override
        public List<String> args() {
            return List.of("-m", "statistic", "--mode", "nth", "--every", Integer.toString(every), "--packet", Integer.toString(packet));
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
