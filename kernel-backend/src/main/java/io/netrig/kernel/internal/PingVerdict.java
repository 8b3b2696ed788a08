package io.netrig.kernel.internal;

import io.netrig.kernel.netns.Errno;
import io.netrig.model.NetrigException;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what a ping saw ({@link EchoAttempt}) into an outcome, as iputils' {@code ping} would be read:
 * <ul>
 * <li>any echo reply is REACHED;</li>
 * <li>no route for the first request ({@code Network is unreachable}) is NO_ROUTE;</li>
 * <li>an ICMP net, host or port unreachable quoting a request is UNREACHABLE (naming the REJECT rule whose counter
 *     grew), except a host unreachable the sender's own stack raised because ARP for its next hop failed, which is
 *     silence as for TCP and UDP probes ({@link NeighbourCheck}); the sender's routing table refusing the request
 *     (an unreachable or prohibit route) is UNREACHABLE too;</li>
 * <li>anything else (silence, other ICMP codes such as "Packet filtered", a request the sender's OUTPUT chain
 *     refused) is DROPPED when a DROP or REJECT rule's counter grew, else TIMEOUT.</li>
 * </ul>
 */
public final class PingVerdict {
    /** Destination unreachable codes judged UNREACHABLE: net, host, port (what ping prints as "Destination … Unreachable"). */
    private static final Set<Integer> UNREACHABLE_CODES = Set.of(0, 1, 3);
    private static final int HOST_UNREACHABLE = 1;

    private PingVerdict() {
    }

    /**
     * @param evidence asked only when the ping failed: the rule whose counter grew; for a host unreachable, whether
     *                 the sender's own ARP failed
     */
    public static Observation judge(Probe.Ping ping, EchoAttempt attempt, Evidence evidence) {
        if (attempt.replies() > 0) {
            return Observation.of(ping, Outcome.REACHED, "answered (" + attempt.replies() + " of " + attempt.sent() + " echo requests)");
        }
        if (attempt.noRoute()) {
            return Evidence.noRoute(ping);
        }
        Optional<IcmpError> error = attempt.firstError()
                .filter(e -> e.type() == IcmpError.DEST_UNREACH && UNREACHABLE_CODES.contains(e.code()));
        boolean ownArp = error.isPresent() && error.get().code() == HOST_UNREACHABLE && evidence.arpFailedForTarget();
        if (error.isPresent() && !ownArp) {
            return evidence.errorReturned(ping, Outcome.UNREACHABLE, error.get().toString().toLowerCase(Locale.ROOT));
        }
        if (attempt.sent() == 0 && attempt.sendError().isPresent()) {
            Errno errno = attempt.sendError().get();
            return switch (errno) {
                case EHOSTUNREACH, EACCES -> evidence.errorReturned(ping, Outcome.UNREACHABLE,
                        "the sender's routing table refuses " + ping.to() + ": " + text(errno));
                case EPERM -> evidence.silence(ping, "the sender's own firewall refused to send it (" + text(errno) + ")");
                default -> throw new NetrigException(ping.describe() + ": sendto failed with " + text(errno)
                        + ", which netrig does not judge as an outcome");
            };
        }
        return evidence.silence(ping, (ownArp ? "no answer: ARP for the next hop failed" : "no answer")
                + " within " + ping.timeout().toMillis() + " ms (" + attempt.sent() + " echo requests"
                + attempt.firstError().map(e -> "; " + e).orElse("") + ")");
    }

    private static String text(Errno errno) {
        return errno.description().toLowerCase(Locale.ROOT) + " (" + errno + ")";
    }
}
