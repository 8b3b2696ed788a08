package io.netrig.sim.stack;

import io.netrig.model.net.Ipv4Address;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The limits Linux puts on the ICMP errors one network namespace sends, in simulated time. Read from the kernel sources
 * (6.12 to 6.18: net/ipv4/icmp.c, net/ipv4/inetpeer.c, net/ipv4/route.c) and checked against this machine's 6.18:
 * <ul>
 * <li><b>Per destination</b> (icmpv4_xrlim_allow → inet_peer_xrlim_allow): each address the namespace sends errors to
 *     has a token bucket in its inet_peer entry, counted in jiffies: it fills by one per jiffy up to
 *     {@code XRLIM_BURST_FACTOR} (6) × {@code icmp_ratelimit} (1000 ms), and an error costs {@code icmp_ratelimit}. A
 *     new peer starts full (inet_getpeer sets {@code rate_last} 60 s back). Only the types in {@code icmp_ratemask}
 *     (0x1818: destination unreachable, source quench, time exceeded, parameter problem) are limited, never
 *     "fragmentation needed", never an error routed out of {@code lo}, never one about a packet that arrived on
 *     {@code lo}.</li>
 * <li><b>Per namespace</b> (icmp_global_allow, icmp_global_consume): a credit of {@code icmp_msgs_burst} (50),
 *     refilled at {@code icmp_msgs_per_sec} (1000) once at least 20 ms passed; while it is positive a limited error may
 *     go, and each error sent takes 0, 1 or 2 credits at random.</li>
 * <li><b>Forwarding without a route</b> (ip_error): before icmp_send is even called, the packet's source pays
 *     {@code route.error_cost} (1 s) from the <em>same</em> peer bucket, filled up to {@code route.error_burst} (5 s).
 *     A burst of unroutable packets from one sender therefore gets two net-unreachables: 5 → 4 → 3, 3 → 2 → 1, then
 *     ip_error takes the last token and icmp_send finds none. ({@code error_cost} and {@code error_burst} exist only in
 *     the initial namespace of 6.18; a lab namespace always has the defaults.)</li>
 * </ul>
 * The kernel counts in jiffies; the simulator uses {@link #HZ} = 250 (Debian's and this machine's CONFIG_HZ), so the
 * rounding is the kernel's. Since Linux 6.12 the global credit is per namespace (it was machine-wide before), and it
 * is checked before the peer bucket and consumed after it (before 6.11 the peer was asked only if the global credit
 * allowed, and credit was taken on the check).
 */
public final class IcmpRateLimit {
    /** Jiffies per second. */
    public static final int HZ = 250;
    private static final long NANOS_PER_JIFFY = 1_000_000_000L / HZ;
    private static final int XRLIM_BURST_FACTOR = 6;
    private static final int ERROR_COST = HZ;
    private static final int ERROR_BURST = 5 * HZ;
    private static final int DEFAULT_RATEMASK = 0x1818;
    private static final int DEST_UNREACHABLE = 3;
    private static final int CODE_FRAG_NEEDED = 4;
    private static final int NR_ICMP_TYPES = 18;

    /** What icmpv4_global_allow decided about one error. */
    public enum Check {
        /** Not a limited type, or about a packet that arrived on {@code lo}: neither bucket is asked. */
        UNLIMITED,
        /** The namespace has credit: the peer bucket decides ({@code apply_ratelimit}). */
        LIMITED,
        /** The namespace's credit is spent: the error is not sent (ICMP_MIB_RATELIMITGLOBAL). */
        REFUSED
    }

    /** An inet_peer's rate fields, in jiffies. */
    private static final class Peer {
        long tokens;
        long last;

        Peer(long now) {
            last = now - 60L * HZ;
        }
    }

    private final LongSupplier nanos;
    private final RandomGenerator random;
    private final Map<Ipv4Address, Peer> peers = new HashMap<>();
    private long ratelimit = HZ;
    private int ratemask = DEFAULT_RATEMASK;
    private int msgsPerSec = 1000;
    private int msgsBurst = 50;
    private long credit;
    private long stamp;

    /**
     * @param nanos  the simulated clock
     * @param random drawn from only when a limited error is sent (icmp_global_consume's 0..2 credits)
     */
    public IcmpRateLimit(LongSupplier nanos, RandomGenerator random) {
        this.nanos = nanos;
        this.random = random;
        // the namespace starts with stamp 0 on a machine whose jiffies are far past it: the first check refills
        this.stamp = jiffies() - HZ;
    }

    /**
     * Sets one of the per-namespace sysctls this models ({@code net.ipv4.icmp_ratelimit} in ms,
     * {@code icmp_ratemask}, {@code icmp_msgs_per_sec}, {@code icmp_msgs_burst}); returns false for any other key.
     */
    public boolean configure(String key, String value) {
        String v = value.trim();
        if (!key.startsWith("net.ipv4.icmp_")) {
            return false;
        }
        try {
            return set(key, v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sysctl " + key + "=" + value + ": not an integer (Linux: Invalid argument)", e);
        }
    }

    private boolean set(String key, String v) {
        switch (key) {
            case "net.ipv4.icmp_ratelimit" -> ratelimit = (Long.parseLong(v) * HZ + 999) / 1000;  // msecs_to_jiffies rounds up
            case "net.ipv4.icmp_ratemask" -> ratemask = Integer.parseInt(v);
            case "net.ipv4.icmp_msgs_per_sec" -> msgsPerSec = Integer.parseInt(v);
            case "net.ipv4.icmp_msgs_burst" -> msgsBurst = Integer.parseInt(v);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The sysctls back to a new namespace's values, before a changed lab's sysctls are applied again. */
    public void resetSysctls() {
        ratelimit = HZ;
        ratemask = DEFAULT_RATEMASK;
        msgsPerSec = 1000;
        msgsBurst = 50;
    }

    /** ip_error's share: whether a packet from {@code source} that has no route may be answered at all. */
    public boolean routeErrorAllowed(Ipv4Address source) {
        long now = jiffies();
        Peer peer = peer(source, now);
        peer.tokens = Math.min(peer.tokens + now - peer.last, ERROR_BURST);
        peer.last = now;
        if (peer.tokens >= ERROR_COST) {
            peer.tokens -= ERROR_COST;
            return true;
        }
        return false;
    }

    /** __icmp_send's first step (icmpv4_global_allow), skipped for packets that arrived on {@code lo}. */
    public Check globalCheck(int type, int code, boolean arrivedOnLoopback) {
        if (arrivedOnLoopback || !maskLimits(type, code)) {
            return Check.UNLIMITED;
        }
        return globalAllow() ? Check.LIMITED : Check.REFUSED;
    }

    /**
     * __icmp_send's second step once the error is routed (icmpv4_xrlim_allow): the peer bucket of {@code destination},
     * unless the error leaves through {@code lo}; an error allowed here takes its global credit.
     */
    public boolean peerAllows(Check check, Ipv4Address destination, boolean routedOutOfLoopback) {
        if (check != Check.LIMITED) {
            return check == Check.UNLIMITED;
        }
        boolean allowed = routedOutOfLoopback || xrlimAllow(peer(destination, jiffies()));
        if (allowed) {
            credit -= random.nextInt(3);
        }
        return allowed;
    }

    private boolean maskLimits(int type, int code) {
        if (type > NR_ICMP_TYPES || type == DEST_UNREACHABLE && code == CODE_FRAG_NEEDED) {
            return false;
        }
        return (1 << type & ratemask) != 0;
    }

    private boolean globalAllow() {
        if (credit > 0) {
            return true;
        }
        long now = jiffies();
        long delta = Math.min(now - stamp, HZ);
        if (delta < HZ / 50) {
            return false;
        }
        long incr = msgsPerSec * delta / HZ;
        if (incr == 0) {
            return false;
        }
        stamp = now;
        credit = Math.min(credit + incr, msgsBurst);
        return true;
    }

    private boolean xrlimAllow(Peer peer) {
        long now = jiffies();
        long token = peer.tokens;
        long delta = now - peer.last;
        if (delta != 0) {
            peer.last = now;
            token = Math.min(token + delta, XRLIM_BURST_FACTOR * ratelimit);
        }
        boolean allowed = token >= ratelimit;
        if (allowed) {
            token -= ratelimit;
        }
        peer.tokens = token;
        return allowed;
    }

    private Peer peer(Ipv4Address address, long now) {
        return peers.computeIfAbsent(address, a -> new Peer(now));
    }

    private long jiffies() {
        return Math.floorDiv(nanos.getAsLong(), NANOS_PER_JIFFY);
    }
}
