package io.netrig.kernel.internal;

import io.netrig.kernel.netns.Errno;
import io.netrig.kernel.netns.NamespaceThreads;
import io.netrig.kernel.netns.NativeSocket;
import io.netrig.model.NetrigException;
import io.netrig.model.net.Ipv4Address;
import java.io.IOException;
import java.time.Duration;
import java.util.BitSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ping -c COUNT -W TIMEOUT} without a process: ICMP echo requests from a raw ICMP socket made by the source
 * namespace's thread ({@link NativeSocket.Kind#ICMP_RAW}; ping sockets are off by default in a new namespace,
 * {@code net.ipv4.ping_group_range = "1 0"}), requests 1 s apart as iputils sends them, and the run ends when every
 * request was answered or errored, or {@code timeout} after the last request (with millisecond precision, where ping's
 * {@code -W} takes whole seconds). A raw socket sees every ICMP message of its namespace: replies are told apart by
 * the identifier, errors by the request they quote. Waits in {@code poll}: callers use platform threads.
 */
final class EchoProbe {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final int ECHO_REQUEST = 8;
    private static final int ECHO_REPLY = 0;
    private static final int PROTO_ICMP = 1;
    /** iputils' default: a struct timeval then bytes counting up, 56 bytes in all. */
    private static final int DATA_LENGTH = 56;
    private static final int PACKET_MAX = 65_536;
    private static final Set<Errno> REFUSED_AT_SEND = Set.of(Errno.ENETUNREACH, Errno.EHOSTUNREACH, Errno.EACCES, Errno.EPERM);
    /** Identifiers of this JVM's pings, so that side-by-side pings in one namespace never take each other's replies. */
    private static final AtomicInteger NEXT_ID = new AtomicInteger(ThreadLocalRandom.current().nextInt(0x10000));

    private final NamespaceThreads threads;

    EchoProbe(NamespaceThreads threads) {
        this.threads = threads;
    }

    EchoAttempt ping(String ns, Ipv4Address to, int count, Duration timeout) {
        int id = NEXT_ID.getAndIncrement() & 0xffff;
        long start = System.nanoTime();
        long deadline = start + INTERVAL.toNanos() * (count - 1) + timeout.toNanos();
        NativeSocket socket;
        try {
            socket = threads.openNative(ns, NativeSocket.Kind.ICMP_RAW);
        } catch (IOException e) {
            throw new NetrigException("ping from namespace " + ns + " to " + to + ": cannot make a raw ICMP socket there: " + e.getMessage(), e);
        }
        try (socket) {
            int sent = 0;
            int refused = 0;
            BitSet done = new BitSet(count + 1);
            int replies = 0;
            Optional<IcmpError> firstError = Optional.empty();
            Optional<Errno> sendError = Optional.empty();
            byte[] packet = new byte[PACKET_MAX];
            while (true) {
                long now = System.nanoTime();
                while (sent + refused < count && now - start >= INTERVAL.toNanos() * (sent + refused)) {
                    int seq = sent + refused + 1;
                    NativeSocket.Io r = socket.sendTo(echoRequest(id, seq), to);
                    if (!r.failed()) {
                        sent++;
                        continue;
                    }
                    Errno errno = Errno.ofNumber(r.errno()).filter(REFUSED_AT_SEND::contains).orElseThrow(() -> new NetrigException(
                            "ping from namespace " + ns + " to " + to + ": sendto failed: " + Errno.describe(r.errno())));
                    if (errno == Errno.ENETUNREACH && seq == 1) {
                        return new EchoAttempt(0, 0, Optional.empty(), Optional.of(errno), true, since(start));
                    }
                    refused++;
                    done.set(seq);
                    sendError = sendError.or(() -> Optional.of(errno));
                }
                if (done.cardinality() >= count || now >= deadline) {
                    return new EchoAttempt(sent, replies, firstError, sendError, false, since(start));
                }
                long wake = sent + refused < count ? Math.min(deadline, start + INTERVAL.toNanos() * (sent + refused)) : deadline;
                NativeSocket.Io polled = socket.poll(SocketProbe.pollMillis(wake - now));
                if (polled.failed() && !polled.wouldBlock()) {
                    throw new NetrigException("ping from namespace " + ns + " to " + to + ": poll failed: " + Errno.describe(polled.errno()));
                }
                if (polled.failed() || polled.value() == 0) {
                    continue;
                }
                // drain: a raw socket may hold other pings' packets; an error report (sk_err of a "fatal" ICMP
                // error) comes out of recv once and is only the echo of a packet read here anyway
                for (int i = 0; i < 64; i++) {
                    NativeSocket.Io got = socket.receive(packet);
                    if (got.failed()) {
                        if (got.wouldBlock()) {
                            break;
                        }
                        continue;
                    }
                    switch (classify(packet, got.value(), id, to)) {
                        case Received.Reply(int seq) -> {
                            if (seq >= 1 && seq <= count && !done.get(seq)) {
                                done.set(seq);
                                replies++;
                            }
                        }
                        case Received.Error(int seq, IcmpError error) -> {
                            if (seq >= 1 && seq <= count && !done.get(seq)) {
                                done.set(seq);
                                firstError = firstError.or(() -> Optional.of(error));
                            }
                        }
                        case Received.Other() -> {
                        }
                    }
                }
            }
        }
    }

    /** An ICMP packet a raw socket read, as far as one ping is concerned. */
    sealed interface Received {
        record Reply(int seq) implements Received {
        }

        record Error(int seq, IcmpError error) implements Received {
        }

        record Other() implements Received {
        }
    }

    /**
     * Reads an IPv4 packet with ICMP inside: an echo reply with identifier {@code id}, or a destination unreachable
     * that quotes an echo request with identifier {@code id} sent to {@code to}; anything else is another's.
     */
    static Received classify(byte[] p, int length, int id, Ipv4Address to) {
        if (length < 20 || (p[0] >> 4 & 0xf) != 4) {
            return new Received.Other();
        }
        int ihl = (p[0] & 0xf) * 4;
        if (length < ihl + 8 || (p[9] & 0xff) != PROTO_ICMP) {
            return new Received.Other();
        }
        int type = p[ihl] & 0xff;
        if (type == ECHO_REPLY) {
            return u16(p, ihl + 4) == id ? new Received.Reply(u16(p, ihl + 6)) : new Received.Other();
        }
        if (type != IcmpError.DEST_UNREACH) {
            return new Received.Other();
        }
        int quoted = ihl + 8;
        if (length < quoted + 20) {
            return new Received.Other();
        }
        int qihl = (p[quoted] & 0xf) * 4;
        int qicmp = quoted + qihl;
        if (length < qicmp + 8 || (p[quoted + 9] & 0xff) != PROTO_ICMP || !Ipv4Address.fromBytes(p, quoted + 16).equals(to)
                || (p[qicmp] & 0xff) != ECHO_REQUEST || u16(p, qicmp + 4) != id) {
            return new Received.Other();
        }
        return new Received.Error(u16(p, qicmp + 6), new IcmpError(type, p[ihl + 1] & 0xff, Ipv4Address.fromBytes(p, 12)));
    }

    /** An echo request as iputils makes it: header, then a struct timeval of now, then bytes counting up from 0x10. */
    static byte[] echoRequest(int id, int seq) {
        byte[] b = new byte[8 + DATA_LENGTH];
        b[0] = ECHO_REQUEST;
        b[4] = (byte) (id >> 8);
        b[5] = (byte) id;
        b[6] = (byte) (seq >> 8);
        b[7] = (byte) seq;
        long micros = System.currentTimeMillis() * 1000;
        putLittleEndian(b, 8, micros / 1_000_000);
        putLittleEndian(b, 16, micros % 1_000_000);
        for (int i = 16; i < DATA_LENGTH; i++) {
            b[8 + i] = (byte) i;
        }
        int sum = checksum(b);
        b[2] = (byte) (sum >> 8);
        b[3] = (byte) sum;
        return b;
    }

    /** The Internet checksum (RFC 1071) of {@code b}. */
    static int checksum(byte[] b) {
        long sum = 0;
        for (int i = 0; i < b.length; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (i + 1 < b.length ? b[i + 1] & 0xff : 0);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static void putLittleEndian(byte[] b, int offset, long v) {
        for (int i = 0; i < 8; i++) {
            b[offset + i] = (byte) (v >>> (8 * i));
        }
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
