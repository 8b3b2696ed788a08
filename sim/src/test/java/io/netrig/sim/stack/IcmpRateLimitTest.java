package io.netrig.sim.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netrig.model.net.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The ICMP error limits of Linux 6.12–6.18 (net/ipv4/icmp.c icmpv4_global_allow, icmpv4_xrlim_allow; inetpeer.c
 * inet_peer_xrlim_allow; route.c ip_error), with the default sysctls: icmp_ratelimit 1000 ms, icmp_ratemask 0x1818,
 * icmp_msgs_per_sec 1000, icmp_msgs_burst 50, route.error_cost 1 s, route.error_burst 5 s.
 */
class IcmpRateLimitTest {
    private static final Ipv4Address PEER = Ipv4Address.parse("10.0.0.2");
    private static final int UNREACHABLE = 3;
    private static final int TIME_EXCEEDED = 11;
    private static final int ECHO_REPLY = 0;
    private static final long MS = 1_000_000L;

    private long now = 3_600_000 * MS;
    private final IcmpRateLimit limit = new IcmpRateLimit(() -> now, new SplittableRandom(7));

    /** One icmp_send of a limited type to PEER for a packet that did not arrive on lo, routed out of a real device. */
    private boolean send(int type, int code) {
        IcmpRateLimit.Check check = limit.globalCheck(type, code, false);
        return check != IcmpRateLimit.Check.REFUSED && limit.peerAllows(check, PEER, false);
    }

    /** ip_error then icmp_send, as a router does for a packet from PEER it has no route for. */
    private boolean noRoute() {
        return limit.routeErrorAllowed(PEER) && send(UNREACHABLE, 0);
    }

    @Test
    void aBurstOfUnroutablePacketsFromOneSenderGetsTwoNetUnreachables() {
        // ip_error and icmp_send share the peer's tokens: 5 -> 4 -> 3, 3 -> 2 -> 1, then ip_error takes the last one
        List<Boolean> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(noRoute());
            now += 2 * MS;
        }
        assertEquals(List.of(true, true, false, false, false, false, false, false, false, false), sent,
                "Linux 6.18 answers `ping -i 0.002 -c 10` to an unroutable address with 2 net unreachables");
    }

    @Test
    void unroutablePacketsOneSecondApartGetFourAnswersThenNone() {
        // measured on 6.18 with ping -i 1 -c 7: 4 net unreachables, IcmpOutRateLimitHost 3
        List<Boolean> sent = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            sent.add(noRoute());
            now += 1000 * MS;
        }
        assertEquals(List.of(true, true, true, true, false, false, false), sent);
    }

    @Test
    void unroutablePacketsTwoSecondsApartAreAlwaysAnswered() {
        for (int i = 0; i < 5; i++) {
            noRoute();
        }
        now += 2100 * MS;
        assertTrue(noRoute(), "2.1 s refill 525 jiffies: ip_error and icmp_send take 250 each");
        now += 2100 * MS;
        assertTrue(noRoute());
    }

    @Test
    void onePeerGetsSixErrorsInABurstThenOneASecond() {
        int sent = 0;
        for (int i = 0; i < 20; i++) {
            sent += send(UNREACHABLE, 3) ? 1 : 0;
        }
        assertEquals(6, sent, "XRLIM_BURST_FACTOR 6 x icmp_ratelimit");
        now += 1000 * MS;
        assertTrue(send(TIME_EXCEEDED, 0), "one token a second");
        assertFalse(send(TIME_EXCEEDED, 0));
    }

    @Test
    void peersHaveTheirOwnBuckets() {
        for (int i = 0; i < 6; i++) {
            send(UNREACHABLE, 3);
        }
        IcmpRateLimit.Check check = limit.globalCheck(UNREACHABLE, 3, false);
        assertTrue(limit.peerAllows(check, Ipv4Address.parse("10.0.0.3"), false));
    }

    @Test
    void echoRepliesAndFragmentationNeededAreNeverLimited() {
        for (int i = 0; i < 100; i++) {
            assertTrue(send(ECHO_REPLY, 0), "echo reply is not in icmp_ratemask 0x1818");
            assertTrue(send(UNREACHABLE, 4), "icmpv4_mask_allow: don't limit PMTU discovery");
        }
    }

    @Test
    void errorsAboutPacketsFromLoopbackOrRoutedOutOfLoopbackAreNotLimitedByThePeer() {
        for (int i = 0; i < 100; i++) {
            IcmpRateLimit.Check fromLo = limit.globalCheck(UNREACHABLE, 3, true);
            assertEquals(IcmpRateLimit.Check.UNLIMITED, fromLo);
            assertTrue(limit.peerAllows(fromLo, PEER, false));
        }
        for (int i = 0; i < 20; i++) {
            IcmpRateLimit.Check check = limit.globalCheck(UNREACHABLE, 3, false);
            assertTrue(limit.peerAllows(check, PEER, true), "no rate limit on loopback");
            now += 20 * MS;  // keep the namespace's credit from running out
        }
    }

    @Test
    void theNamespaceSendsAboutFiftyLimitedErrorsInABurst() {
        // many peers, so only icmp_msgs_burst (50) limits; each error takes 0, 1 or 2 credits (1 on average)
        int sent = 0;
        for (int i = 0; i < 500; i++) {
            IcmpRateLimit.Check check = limit.globalCheck(UNREACHABLE, 3, false);
            if (check == IcmpRateLimit.Check.LIMITED && limit.peerAllows(check, Ipv4Address.of(0x0a010000 + i), false)) {
                sent++;
            }
        }
        assertTrue(sent >= 30 && sent <= 80, "about 50 in a burst, got " + sent);
        IcmpRateLimit.Check refused = limit.globalCheck(UNREACHABLE, 3, false);
        assertEquals(IcmpRateLimit.Check.REFUSED, refused, "no refill within 20 ms (HZ / 50)");
        now += 20 * MS;
        assertEquals(IcmpRateLimit.Check.LIMITED, limit.globalCheck(UNREACHABLE, 3, false), "20 ms refill 20 credits");
    }

    @Test
    void sysctlsChangeTheLimits() {
        assertTrue(limit.configure("net.ipv4.icmp_ratelimit", "0"));
        for (int i = 0; i < 40; i++) {
            assertTrue(send(UNREACHABLE, 3), "icmp_ratelimit=0 turns the peer limit off");
            now += 20 * MS;
        }
        assertTrue(limit.configure("net.ipv4.icmp_ratemask", "0"));
        assertEquals(IcmpRateLimit.Check.UNLIMITED, limit.globalCheck(TIME_EXCEEDED, 0, false));
        assertFalse(limit.configure("net.ipv4.ip_forward", "1"));
        assertThrows(IllegalArgumentException.class, () -> limit.configure("net.ipv4.icmp_msgs_burst", "many"));
        limit.resetSysctls();
        assertEquals(IcmpRateLimit.Check.LIMITED, limit.globalCheck(TIME_EXCEEDED, 0, false));
    }
}
