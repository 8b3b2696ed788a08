package io.netrig.model.dns;

import io.netrig.model.net.Ipv4Address;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The part of the DNS wire format (RFC 1035) that netrig's resolvers and lookups speak: one question, and A records
 * in the answer section. Both backends use it, the simulator on both ends and the kernel backend for its embedded DNS
 * server (glibc's resolver being the client there). Decoding is lenient about what it does not use (other record
 * types are skipped) and strict about structure: a truncated or malformed message decodes to empty.
 *
 * @param id       the transaction id
 * @param response QR: a response rather than a query
 * @param rcode    the response code ({@link #NOERROR}, {@link #SERVFAIL}, {@link #NXDOMAIN}, …)
 * @param name     the question's name, lower case, without the final dot
 * @param qtype    the question's type ({@link #TYPE_A}, {@link #TYPE_AAAA}, …)
 * @param answers  the addresses of the answer section's A records, in order
 */
public record DnsMessage(int id, boolean response, int rcode, String name, int qtype, List<Ipv4Address> answers) {
    public static final int NOERROR = 0;
    public static final int SERVFAIL = 2;
    public static final int NXDOMAIN = 3;
    public static final int TYPE_A = 1;
    public static final int TYPE_AAAA = 28;
    public static final int CLASS_IN = 1;
    /** The TTL Docker's embedded DNS gives its answers. */
    public static final int TTL = 600;
    private static final int HEADER = 12;

    public DnsMessage {
        Objects.requireNonNull(name, "name");
        answers = List.copyOf(answers);
        if (id < 0 || id > 0xffff) {
            throw new IllegalArgumentException("DNS id must be 0-65535, got " + id);
        }
    }

    /** A recursive query for the A records of {@code name}. */
    public static DnsMessage queryA(int id, String name) {
        return new DnsMessage(id, false, NOERROR, normalise(name), TYPE_A, List.of());
    }

    /** The answer to this query: {@code rcode}, and for A queries the addresses given. */
    public DnsMessage answer(int answerRcode, List<Ipv4Address> addresses) {
        return new DnsMessage(id, true, answerRcode, name, qtype, qtype == TYPE_A ? addresses : List.of());
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        put16(out, id);
        int flags = (response ? 0x8000 : 0) | 0x0100 | (response ? 0x0080 : 0) | (rcode & 0xf);
        put16(out, flags);
        put16(out, 1);
        put16(out, answers.size());
        put16(out, 0);
        put16(out, 0);
        putName(out, name);
        put16(out, qtype);
        put16(out, CLASS_IN);
        for (Ipv4Address a : answers) {
            put16(out, 0xc000 | HEADER);
            put16(out, TYPE_A);
            put16(out, CLASS_IN);
            put16(out, TTL >>> 16);
            put16(out, TTL & 0xffff);
            put16(out, 4);
            out.writeBytes(a.toBytes());
        }
        return out.toByteArray();
    }

    /** Decodes a message with exactly one question; empty when it is not one. */
    public static Optional<DnsMessage> decode(byte[] data) {
        try {
            Reader r = new Reader(data);
            int id = r.u16();
            int flags = r.u16();
            int qd = r.u16();
            int an = r.u16();
            r.u16();
            r.u16();
            if (qd != 1) {
                return Optional.empty();
            }
            String name = r.name();
            int qtype = r.u16();
            r.u16();
            List<Ipv4Address> answers = new ArrayList<>();
            for (int i = 0; i < an; i++) {
                r.name();
                int type = r.u16();
                int cls = r.u16();
                r.u16();
                r.u16();
                int len = r.u16();
                byte[] rdata = r.bytes(len);
                if (type == TYPE_A && cls == CLASS_IN && len == 4) {
                    answers.add(Ipv4Address.fromBytes(rdata, 0));
                }
            }
            return Optional.of(new DnsMessage(id, (flags & 0x8000) != 0, flags & 0xf, name, qtype, answers));
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code NOERROR}, {@code SERVFAIL}, {@code NXDOMAIN} or {@code RCODE n}. */
    public static String rcodeName(int rcode) {
        return switch (rcode) {
            case NOERROR -> "NOERROR";
            case SERVFAIL -> "SERVFAIL";
            case NXDOMAIN -> "NXDOMAIN";
            default -> "RCODE " + rcode;
        };
    }

    private static String normalise(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static void put16(ByteArrayOutputStream out, int v) {
        out.write((v >>> 8) & 0xff);
        out.write(v & 0xff);
    }

    private static void putName(ByteArrayOutputStream out, String name) {
        if (!name.isEmpty()) {
            for (String label : name.split("\\.", -1)) {
                byte[] b = label.getBytes(StandardCharsets.US_ASCII);
                if (b.length == 0 || b.length > 63) {
                    throw new IllegalArgumentException("DNS label of '" + name + "' must be 1-63 characters");
                }
                out.write(b.length);
                out.writeBytes(b);
            }
        }
        out.write(0);
    }

    /** Reads big-endian fields and (possibly compressed) names. */
    private static final class Reader {
        private final byte[] data;
        private int pos;

        Reader(byte[] data) {
            this.data = data;
        }

        int u8() {
            if (pos >= data.length) {
                throw new IndexOutOfBoundsException("DNS message ends early");
            }
            return data[pos++] & 0xff;
        }

        int u16() {
            return (u8() << 8) | u8();
        }

        byte[] bytes(int n) {
            if (pos + n > data.length) {
                throw new IndexOutOfBoundsException("DNS message ends early");
            }
            byte[] b = java.util.Arrays.copyOfRange(data, pos, pos + n);
            pos += n;
            return b;
        }

        String name() {
            StringBuilder sb = new StringBuilder();
            int at = pos;
            boolean jumped = false;
            for (int hops = 0; hops < 64; hops++) {
                if (at >= data.length) {
                    throw new IndexOutOfBoundsException("DNS name runs off the message");
                }
                int len = data[at] & 0xff;
                if (len == 0) {
                    if (!jumped) {
                        pos = at + 1;
                    }
                    return sb.toString().toLowerCase(Locale.ROOT);
                }
                if ((len & 0xc0) == 0xc0) {
                    if (at + 1 >= data.length) {
                        throw new IndexOutOfBoundsException("DNS pointer runs off the message");
                    }
                    if (!jumped) {
                        pos = at + 2;
                    }
                    jumped = true;
                    at = ((len & 0x3f) << 8) | (data[at + 1] & 0xff);
                    continue;
                }
                if (len > 63 || at + 1 + len > data.length) {
                    throw new IllegalArgumentException("bad DNS label");
                }
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(new String(data, at + 1, len, StandardCharsets.US_ASCII));
                at += 1 + len;
            }
            throw new IllegalArgumentException("DNS name has too many compression pointers");
        }
    }
}
