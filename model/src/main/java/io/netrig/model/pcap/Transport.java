package io.netrig.model.pcap;

import io.netrig.model.dns.DnsMessage;
import io.netrig.model.net.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What an IPv4 packet carries: ICMP, UDP, TCP or another protocol. */
public sealed interface Transport {
    int ICMP = 1;
    int TCP = 6;
    int UDP = 17;
    int VXLAN_PORT = 4789;
    int DNS_PORT = 53;

    /** One line for summaries, given the packet's addresses. */
    String summary(Ipv4Address source, Ipv4Address destination);

    static Transport decode(int protocol, Bytes b) {
        return switch (protocol) {
            case ICMP -> Icmp.decode(b);
            case UDP -> Udp.decode(b);
            case TCP -> Tcp.decode(b);
            default -> new Other(protocol, b.length());
        };
    }

    /** An ICMP message; for echo request and reply, {@code id} and {@code sequence} are set (0 otherwise). */
    record Icmp(int type, int code, int id, int sequence) implements Transport {
        public static final int ECHO_REPLY = 0;
        public static final int DESTINATION_UNREACHABLE = 3;
        public static final int ECHO_REQUEST = 8;

        static Transport decode(Bytes b) {
            if (!b.has(0, 4)) {
                return new Other(ICMP, b.length());
            }
            int type = b.u8(0);
            boolean echo = (type == ECHO_REQUEST || type == ECHO_REPLY) && b.has(4, 4);
            return new Icmp(type, b.u8(1), echo ? b.u16(4) : 0, echo ? b.u16(6) : 0);
        }

        public boolean isEchoRequest() {
            return type == ECHO_REQUEST;
        }

        public boolean isEchoReply() {
            return type == ECHO_REPLY;
        }

        @Override
        public String summary(Ipv4Address source, Ipv4Address destination) {
            String what = switch (type) {
                case ECHO_REQUEST -> "echo request, id " + id + ", seq " + sequence;
                case ECHO_REPLY -> "echo reply, id " + id + ", seq " + sequence;
                case DESTINATION_UNREACHABLE -> "destination unreachable, code " + code;
                default -> "type " + type + ", code " + code;
            };
            return source + " > " + destination + ": ICMP " + what;
        }
    }

    /** A UDP datagram, with its payload decoded where netrig knows the protocol (VXLAN, DNS). */
    record Udp(int sourcePort, int destinationPort, UdpPayload payload) implements Transport {
        public Udp {
            Objects.requireNonNull(payload, "payload");
        }

        static Transport decode(Bytes b) {
            if (!b.has(0, 8)) {
                return new Other(UDP, b.length());
            }
            int sport = b.u16(0);
            int dport = b.u16(2);
            int length = b.u16(4);
            Bytes data = (length >= 8 ? b.first(length) : b).from(8);
            return new Udp(sport, dport, UdpPayload.decode(sport, dport, data));
        }

        public boolean hasPort(int port) {
            return sourcePort == port || destinationPort == port;
        }

        @Override
        public String summary(Ipv4Address source, Ipv4Address destination) {
            return source + "." + sourcePort + " > " + destination + "." + destinationPort + ": UDP, " + payload.summary();
        }
    }

    /** What a UDP datagram carries. */
    sealed interface UdpPayload {
        String summary();

        static UdpPayload decode(int sport, int dport, Bytes data) {
            if (dport == VXLAN_PORT && data.has(0, 8) && (data.u8(0) & 0x08) != 0) {
                return new Vxlan(data.u24(4), Frame.decode(data.from(8).copy()));
            }
            // Docker's embedded DNS listens on a random port behind a DNAT from 127.0.0.11:53, so on lo a query goes to
            // that port: off port 53, a datagram is DNS only if its header is a standard query or response
            if (sport == DNS_PORT || dport == DNS_PORT || looksLikeDns(data)) {
                var dns = DnsMessage.decode(data.copy());
                if (dns.isPresent()) {
                    return new Dns(dns.get());
                }
            }
            return new Data(data.length());
        }

        /** Opcode QUERY, the Z bit clear, one question, and no more records than a lone answer could carry. */
        private static boolean looksLikeDns(Bytes data) {
            return data.has(0, 17) && (data.u16(2) & 0x7840) == 0 && data.u16(4) == 1 && data.u16(6) <= 64
                    && data.u16(8) == 0 && data.u16(10) <= 1;
        }

        /** A VXLAN header (RFC 7348) and the Ethernet frame it carries. */
        record Vxlan(int vni, Frame inner) implements UdpPayload {
            public Vxlan {
                Objects.requireNonNull(inner, "inner");
            }

            @Override
            public String summary() {
                return "VXLAN vni " + vni + ": " + inner.summary();
            }
        }

        /** A DNS message with one question. */
        record Dns(DnsMessage message) implements UdpPayload {
            public Dns {
                Objects.requireNonNull(message, "message");
            }

            @Override
            public String summary() {
                String type = message.qtype() == DnsMessage.TYPE_A ? "A" : message.qtype() == DnsMessage.TYPE_AAAA ? "AAAA"
                        : "type " + message.qtype();
                return message.response()
                        ? "DNS answer " + DnsMessage.rcodeName(message.rcode()) + " " + type + " " + message.name() + " " + message.answers()
                        : "DNS query " + type + " " + message.name();
            }
        }

        /** Payload bytes netrig does not decode. */
        record Data(int length) implements UdpPayload {
            @Override
            public String summary() {
                return "length " + length;
            }
        }
    }

    /** A TCP segment's ports and flags (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10). */
    record Tcp(int sourcePort, int destinationPort, int flags) implements Transport {
        public static final int FIN = 0x01;
        public static final int SYN = 0x02;
        public static final int RST = 0x04;
        public static final int PSH = 0x08;
        public static final int ACK = 0x10;

        static Transport decode(Bytes b) {
            if (!b.has(0, 14)) {
                return new Other(TCP, b.length());
            }
            return new Tcp(b.u16(0), b.u16(2), b.u8(13));
        }

        public boolean hasPort(int port) {
            return sourcePort == port || destinationPort == port;
        }

        public boolean has(int flag) {
            return (flags & flag) == flag;
        }

        /** tcpdump's flag letters: {@code [S]}, {@code [S.]}, {@code [R.]}, {@code [F.]}. */
        public String flagText() {
            List<String> f = new ArrayList<>();
            if (has(SYN)) {
                f.add("S");
            }
            if (has(FIN)) {
                f.add("F");
            }
            if (has(RST)) {
                f.add("R");
            }
            if (has(PSH)) {
                f.add("P");
            }
            if (has(ACK)) {
                f.add(".");
            }
            return "[" + String.join("", f) + "]";
        }

        @Override
        public String summary(Ipv4Address source, Ipv4Address destination) {
            return source + "." + sourcePort + " > " + destination + "." + destinationPort + ": Flags " + flagText();
        }
    }

    /** Another IP protocol, or a header too short to read. */
    record Other(int protocol, int length) implements Transport {
        @Override
        public String summary(Ipv4Address source, Ipv4Address destination) {
            return source + " > " + destination + ": ip-proto-" + protocol + " " + length;
        }
    }
}
