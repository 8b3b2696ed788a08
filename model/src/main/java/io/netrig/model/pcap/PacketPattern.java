package io.netrig.model.pcap;

import io.netrig.model.NetrigException;
import io.netrig.model.dns.DnsMessage;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.MacAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * A readable description of packets, as the capture steps write it: {@code icmp echo request from web to api},
 * {@code arp who-has 172.20.0.1}, {@code udp to port 53}, {@code dns query for api}, {@code vxlan vni 4096},
 * {@code 802.1q vlan 10}, {@code frame from 02:42:0a:03:01:90}. The grammar (docs/steps.md has the table):
 *
 * <pre>
 * pattern  := [a | an | any] kind clause*
 * kind     := frame | packet | ip | icmp [echo request | echo reply | unreachable]
 *           | arp [who-has [TARGET] | is-at [MAC]] | udp | tcp [syn | syn-ack | rst]
 *           | dns (query | answer) [for NAME] | vxlan [vni N] | esp | 802.1q vlan N
 * clause   := from END | to END | port N | from port N | to port N | in vlan N
 * END      := a host or container name (any of its addresses), an IPv4 address, or a MAC address
 * </pre>
 *
 * Addresses compare with the IPv4 header (for ARP: the sender and target protocol addresses), a MAC with the Ethernet
 * header. A frame inside a VXLAN datagram matches too, unless the pattern is about VXLAN itself.
 */
public final class PacketPattern {
    /** IPsec ESP's IP protocol number. */
    private static final int ESP_PROTOCOL = 50;

    private enum Kind {
        ANY, IP, ICMP, ICMP_ECHO_REQUEST, ICMP_ECHO_REPLY, ICMP_UNREACHABLE, ARP, ARP_WHO_HAS, ARP_IS_AT, UDP, TCP,
        TCP_SYN, TCP_SYN_ACK, TCP_RST, DNS_QUERY, DNS_ANSWER, VXLAN, DOT1Q, ESP
    }

    /** One end of a packet: the addresses of a name, one address, or one MAC. */
    private record End(String label, Set<Ipv4Address> ips, Optional<MacAddress> mac) {
        boolean matches(MacAddress frameMac, Optional<Ipv4Address> ip) {
            return mac.map(m -> m.equals(frameMac)).orElseGet(() -> ip.isPresent() && ips.contains(ip.get()));
        }
    }

    private static final Set<String> CLAUSES = Set.of("from", "to", "port", "in", "on", "vlan");
    private static final String GRAMMAR = "[a|an|any] (frame | packet | ip | icmp [echo request|echo reply|unreachable] | "
            + "arp [who-has [TARGET]|is-at [MAC]] | udp | tcp [syn|syn-ack|rst] | dns query|answer [for NAME] | vxlan [vni N] | esp | "
            + "802.1q vlan N) then any of: from END, to END, port N, from port N, to port N, in vlan N";

    private final String text;
    private final Kind kind;
    private Optional<End> from = Optional.empty();
    private Optional<End> to = Optional.empty();
    private Optional<End> arpTarget = Optional.empty();
    private Optional<MacAddress> arpMac = Optional.empty();
    private Optional<String> dnsName = Optional.empty();
    private OptionalInt vni = OptionalInt.empty();
    private OptionalInt vlan = OptionalInt.empty();
    private OptionalInt port = OptionalInt.empty();
    private OptionalInt sourcePort = OptionalInt.empty();
    private OptionalInt destinationPort = OptionalInt.empty();

    private PacketPattern(String text, Kind kind) {
        this.text = text;
        this.kind = kind;
    }

    /**
     * @param addressesOf the addresses of a host or container name; throws {@link NetrigException} for an unknown name
     * @throws NetrigException naming the word that does not fit and the grammar
     */
    public static PacketPattern parse(String text, Function<String, List<Ipv4Address>> addressesOf) {
        Objects.requireNonNull(addressesOf, "addressesOf");
        Tokens t = new Tokens(text);
        t.skipIf("a", "an", "any");
        String first = t.next("a kind of packet").toLowerCase(Locale.ROOT);
        Kind kind = switch (first) {
            case "frame", "frames", "packet", "packets" -> Kind.ANY;
            case "ip" -> Kind.IP;
            case "icmp" -> t.skipIf("echo") ? t.expect("request", "reply").equals("request") ? Kind.ICMP_ECHO_REQUEST : Kind.ICMP_ECHO_REPLY
                    : t.skipIf("unreachable") ? Kind.ICMP_UNREACHABLE : Kind.ICMP;
            case "arp" -> t.skipIf("who-has", "request") ? Kind.ARP_WHO_HAS : t.skipIf("is-at", "reply") ? Kind.ARP_IS_AT : Kind.ARP;
            case "udp" -> Kind.UDP;
            case "tcp" -> t.skipIf("syn") ? Kind.TCP_SYN : t.skipIf("syn-ack") ? Kind.TCP_SYN_ACK : t.skipIf("rst") ? Kind.TCP_RST : Kind.TCP;
            case "dns" -> t.expect("query", "answer").equals("query") ? Kind.DNS_QUERY : Kind.DNS_ANSWER;
            case "vxlan" -> Kind.VXLAN;
            case "esp" -> Kind.ESP;
            case "802.1q" -> Kind.DOT1Q;
            default -> throw t.problem("'" + first + "' is not a kind of packet");
        };
        PacketPattern p = new PacketPattern(String.join(" ", t.words), kind);
        switch (kind) {
            case ARP_WHO_HAS -> {
                if (t.more() && !CLAUSES.contains(t.peek().toLowerCase(Locale.ROOT))) {
                    p.arpTarget = Optional.of(end(t.next("a target"), addressesOf, t));
                }
            }
            case ARP_IS_AT -> {
                if (t.more() && !CLAUSES.contains(t.peek().toLowerCase(Locale.ROOT))) {
                    String mac = t.next("a MAC address");
                    p.arpMac = Optional.of(MacAddress.tryParse(mac).orElseThrow(() -> t.problem("'" + mac + "' is not a MAC address")));
                }
            }
            case DNS_QUERY, DNS_ANSWER -> {
                if (t.skipIf("for")) {
                    p.dnsName = Optional.of(t.next("a name"));
                }
            }
            case VXLAN -> {
                if (t.skipIf("vni")) {
                    p.vni = OptionalInt.of(t.number("a VNI", 0, 0xff_ffff));
                }
            }
            case DOT1Q -> {
                t.expect("vlan");
                p.vlan = OptionalInt.of(t.number("a VLAN id", 0, 4095));
            }
            case ANY, IP, ICMP, ICMP_ECHO_REQUEST, ICMP_ECHO_REPLY, ICMP_UNREACHABLE, ARP, UDP, TCP, TCP_SYN, TCP_SYN_ACK, TCP_RST -> {
            }
        }
        while (t.more()) {
            String word = t.next("a clause").toLowerCase(Locale.ROOT);
            switch (word) {
                case "from" -> {
                    if (t.skipIf("port")) {
                        p.sourcePort = OptionalInt.of(t.number("a port", 0, 65535));
                    } else {
                        p.from = Optional.of(end(t.next("a sender"), addressesOf, t));
                    }
                }
                case "to" -> {
                    if (t.skipIf("port")) {
                        p.destinationPort = OptionalInt.of(t.number("a port", 0, 65535));
                    } else {
                        p.to = Optional.of(end(t.next("a receiver"), addressesOf, t));
                    }
                }
                case "port" -> p.port = OptionalInt.of(t.number("a port", 0, 65535));
                case "in", "on" -> {
                    t.expect("vlan");
                    p.vlan = OptionalInt.of(t.number("a VLAN id", 0, 4095));
                }
                case "vlan" -> p.vlan = OptionalInt.of(t.number("a VLAN id", 0, 4095));
                default -> throw t.problem("'" + word + "' does not start a clause (from, to, port, in vlan)");
            }
        }
        return p;
    }

    private static End end(String word, Function<String, List<Ipv4Address>> addressesOf, Tokens t) {
        Optional<MacAddress> mac = word.matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}") ? MacAddress.tryParse(word) : Optional.empty();
        if (mac.isPresent()) {
            return new End(word, Set.of(), mac);
        }
        Optional<Ipv4Address> ip = Ipv4Address.tryParse(word);
        if (ip.isPresent()) {
            return new End(word, Set.of(ip.get()), Optional.empty());
        }
        try {
            return new End(word, Set.copyOf(addressesOf.apply(word)), Optional.empty());
        } catch (NetrigException e) {
            throw t.problem(e.getMessage());
        }
    }

    /** Whether the frame, or a frame it carries in VXLAN, is described by this pattern. */
    public boolean matches(Frame frame) {
        if (matchesHere(frame)) {
            return true;
        }
        return kind != Kind.VXLAN && frame.vxlanInner().map(this::matches).orElse(false);
    }

    /** How many of the frames match. */
    public long count(List<Frame> frames) {
        return frames.stream().filter(this::matches).count();
    }

    private boolean matchesHere(Frame f) {
        if (vlan.isPresent() && !f.vlans().contains(vlan.getAsInt())) {
            return false;
        }
        if (!kindMatches(f) || !portsMatch(f)) {
            return false;
        }
        Optional<Ipv4Address> src = switch (f.network()) {
            case Network.Ipv4 ip -> Optional.of(ip.source());
            case Network.Arp arp -> Optional.of(arp.senderIp());
            case Network.Other o -> Optional.empty();
            case Network.Malformed m -> Optional.empty();
        };
        Optional<Ipv4Address> dst = switch (f.network()) {
            case Network.Ipv4 ip -> Optional.of(ip.destination());
            case Network.Arp arp -> Optional.of(arp.targetIp());
            case Network.Other o -> Optional.empty();
            case Network.Malformed m -> Optional.empty();
        };
        return from.map(e -> e.matches(f.source(), src)).orElse(true) && to.map(e -> e.matches(f.destination(), dst)).orElse(true);
    }

    private boolean kindMatches(Frame f) {
        Optional<Network.Arp> arp = f.network() instanceof Network.Arp a ? Optional.of(a) : Optional.empty();
        Optional<Transport> tr = f.network() instanceof Network.Ipv4 ip ? Optional.of(ip.transport()) : Optional.empty();
        Optional<Transport.Icmp> icmp = tr.filter(Transport.Icmp.class::isInstance).map(Transport.Icmp.class::cast);
        Optional<Transport.Tcp> tcp = tr.filter(Transport.Tcp.class::isInstance).map(Transport.Tcp.class::cast);
        Optional<Transport.UdpPayload> udp = tr.filter(Transport.Udp.class::isInstance).map(u -> ((Transport.Udp) u).payload());
        return switch (kind) {
            case ANY -> true;
            case IP -> tr.isPresent();
            case ICMP -> icmp.isPresent();
            case ICMP_ECHO_REQUEST -> icmp.filter(Transport.Icmp::isEchoRequest).isPresent();
            case ICMP_ECHO_REPLY -> icmp.filter(Transport.Icmp::isEchoReply).isPresent();
            case ICMP_UNREACHABLE -> icmp.filter(i -> i.type() == Transport.Icmp.DESTINATION_UNREACHABLE).isPresent();
            case ARP -> arp.isPresent();
            case ARP_WHO_HAS -> arp.filter(Network.Arp::isRequest)
                    .filter(a -> arpTarget.map(e -> e.ips().contains(a.targetIp())).orElse(true)).isPresent();
            case ARP_IS_AT -> arp.filter(Network.Arp::isReply).filter(a -> arpMac.map(m -> m.equals(a.senderMac())).orElse(true)).isPresent();
            case UDP -> udp.isPresent();
            case TCP -> tcp.isPresent();
            case TCP_SYN -> tcp.filter(t -> t.has(Transport.Tcp.SYN) && !t.has(Transport.Tcp.ACK)).isPresent();
            case TCP_SYN_ACK -> tcp.filter(t -> t.has(Transport.Tcp.SYN | Transport.Tcp.ACK)).isPresent();
            case TCP_RST -> tcp.filter(t -> t.has(Transport.Tcp.RST)).isPresent();
            case DNS_QUERY, DNS_ANSWER -> udp.filter(Transport.UdpPayload.Dns.class::isInstance)
                    .map(d -> ((Transport.UdpPayload.Dns) d).message())
                    .filter(m -> m.response() == (kind == Kind.DNS_ANSWER))
                    .filter(m -> dnsName.map(n -> nameMatches(n, m)).orElse(true)).isPresent();
            case VXLAN -> udp.filter(Transport.UdpPayload.Vxlan.class::isInstance)
                    .filter(v -> vni.isEmpty() || ((Transport.UdpPayload.Vxlan) v).vni() == vni.getAsInt()).isPresent();
            case DOT1Q -> !f.vlans().isEmpty();
            case ESP -> tr.filter(t -> t instanceof Transport.Other o && o.protocol() == ESP_PROTOCOL).isPresent();
        };
    }

    /** The name asked, or the name with a search domain appended; case and a final dot do not matter. */
    private static boolean nameMatches(String wanted, DnsMessage m) {
        String w = strip(wanted);
        String asked = strip(m.name());
        return asked.equals(w) || asked.startsWith(w + ".");
    }

    private static String strip(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private boolean portsMatch(Frame f) {
        if (port.isEmpty() && sourcePort.isEmpty() && destinationPort.isEmpty()) {
            return true;
        }
        int[] ports = f.network() instanceof Network.Ipv4 ip ? switch (ip.transport()) {
            case Transport.Udp u -> new int[] {u.sourcePort(), u.destinationPort()};
            case Transport.Tcp t -> new int[] {t.sourcePort(), t.destinationPort()};
            case Transport.Icmp i -> null;
            case Transport.Other o -> null;
        } : null;
        if (ports == null) {
            return false;
        }
        return (port.isEmpty() || ports[0] == port.getAsInt() || ports[1] == port.getAsInt())
                && (sourcePort.isEmpty() || ports[0] == sourcePort.getAsInt())
                && (destinationPort.isEmpty() || ports[1] == destinationPort.getAsInt());
    }

    @Override
    public String toString() {
        return text;
    }

    /** The words of a pattern, read left to right. */
    private static final class Tokens {
        private final String text;
        private final List<String> words;
        private int at;

        Tokens(String text) {
            this.text = Objects.requireNonNull(text, "text").trim();
            this.words = this.text.isEmpty() ? List.of() : Arrays.stream(this.text.split("\\s+")).toList();
        }

        boolean more() {
            return at < words.size();
        }

        String peek() {
            return words.get(at);
        }

        String next(String what) {
            if (!more()) {
                throw problem("expected " + what + " after '" + text + "'");
            }
            return words.get(at++);
        }

        boolean skipIf(String... options) {
            if (more() && Arrays.asList(options).contains(peek().toLowerCase(Locale.ROOT))) {
                at++;
                return true;
            }
            return false;
        }

        String expect(String... options) {
            String w = next(String.join(" or ", options)).toLowerCase(Locale.ROOT);
            if (!Arrays.asList(options).contains(w)) {
                at--;
                throw problem("expected " + String.join(" or ", options) + ", found '" + w + "'");
            }
            return w;
        }

        int number(String what, int min, int max) {
            String w = next(what);
            try {
                int n = Integer.parseInt(w);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below, with the grammar
            }
            at--;
            throw problem("expected " + what + " (" + min + "-" + max + "), found '" + w + "'");
        }

        NetrigException problem(String message) {
            return new NetrigException("packet description '" + text + "'"
                    + (more() ? " at word " + (at + 1) + " ('" + words.get(at) + "')" : "") + ": " + message
                    + "\n  grammar: " + GRAMMAR);
        }
    }
}
