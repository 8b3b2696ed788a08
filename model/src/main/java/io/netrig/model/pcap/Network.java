package io.netrig.model.pcap;

import io.netrig.model.net.Ipv4Address;
import io.netrig.model.net.MacAddress;
import java.util.Objects;

/** What an Ethernet frame carries: ARP, IPv4, something else, or bytes too short to read. */
public sealed interface Network {
    /** One line for summaries. */
    String summary();

    /** An ARP packet for IPv4 over Ethernet. */
    record Arp(int operation, MacAddress senderMac, Ipv4Address senderIp, MacAddress targetMac, Ipv4Address targetIp)
            implements Network {
        public static final int REQUEST = 1;
        public static final int REPLY = 2;

        public Arp {
            Objects.requireNonNull(senderMac, "senderMac");
            Objects.requireNonNull(senderIp, "senderIp");
            Objects.requireNonNull(targetMac, "targetMac");
            Objects.requireNonNull(targetIp, "targetIp");
        }

        static Network decode(Bytes b) {
            if (!b.has(0, 28)) {
                return new Malformed("ARP cut short (" + b.length() + " bytes)");
            }
            if (b.u16(0) != 1 || b.u16(2) != Frame.ETHERTYPE_IPV4 || b.u8(4) != 6 || b.u8(5) != 4) {
                return new Malformed("ARP for hardware " + b.u16(0) + " protocol 0x" + Integer.toHexString(b.u16(2)));
            }
            byte[] a = b.array();
            return new Arp(b.u16(6), MacAddress.fromBytes(a, b.absolute(8)), Ipv4Address.fromBytes(a, b.absolute(14)),
                    MacAddress.fromBytes(a, b.absolute(18)), Ipv4Address.fromBytes(a, b.absolute(24)));
        }

        public boolean isRequest() {
            return operation == REQUEST;
        }

        public boolean isReply() {
            return operation == REPLY;
        }

        @Override
        public String summary() {
            return switch (operation) {
                case REQUEST -> "ARP who-has " + targetIp + " tell " + senderIp;
                case REPLY -> "ARP " + senderIp + " is-at " + senderMac;
                default -> "ARP operation " + operation + " " + senderIp + " > " + targetIp;
            };
        }
    }

    /** An IPv4 packet; a fragment other than the first carries no transport header, its transport is {@code Other}. */
    record Ipv4(Ipv4Address source, Ipv4Address destination, int protocol, int ttl, Transport transport) implements Network {
        public Ipv4 {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(transport, "transport");
        }

        static Network decode(Bytes b) {
            if (!b.has(0, 20) || b.u8(0) >> 4 != 4) {
                return new Malformed("IPv4 header cut short or not version 4 (" + b.length() + " bytes)");
            }
            int headerLength = (b.u8(0) & 0x0f) * 4;
            int totalLength = b.u16(2);
            if (headerLength < 20 || !b.has(0, headerLength)) {
                return new Malformed("IPv4 header length " + headerLength);
            }
            int protocol = b.u8(9);
            byte[] a = b.array();
            Ipv4Address src = Ipv4Address.fromBytes(a, b.absolute(12));
            Ipv4Address dst = Ipv4Address.fromBytes(a, b.absolute(16));
            // Ethernet pads short packets: the IP total length says where the payload ends (GSO may leave it 0)
            Bytes payload = (totalLength >= headerLength ? b.first(totalLength) : b).from(headerLength);
            boolean laterFragment = (b.u16(6) & 0x1fff) != 0;
            Transport transport = laterFragment ? new Transport.Other(protocol, payload.length()) : Transport.decode(protocol, payload);
            return new Ipv4(src, dst, protocol, b.u8(8), transport);
        }

        @Override
        public String summary() {
            return "IP " + transport.summary(source, destination);
        }
    }

    /** Another ethertype (IPv6, LLDP, …), kept as its number. */
    record Other(int etherType, int length) implements Network {
        @Override
        public String summary() {
            String name = switch (etherType) {
                case 0x86dd -> "IPv6";
                case 0x88cc -> "LLDP";
                default -> "ethertype 0x" + String.format("%04x", etherType);
            };
            return name + ", length " + length;
        }
    }

    /** Bytes that do not make the header they should. */
    record Malformed(String why) implements Network {
        public Malformed {
            Objects.requireNonNull(why, "why");
        }

        @Override
        public String summary() {
            return "malformed: " + why;
        }
    }
}
