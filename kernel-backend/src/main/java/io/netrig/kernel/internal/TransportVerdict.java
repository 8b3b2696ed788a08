package io.netrig.kernel.internal;

import io.netrig.kernel.netns.Errno;
import io.netrig.model.NetrigException;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what the socket layer reported for a TCP or UDP probe into an outcome, by errno (Linux's
 * {@code icmp_err_convert} decides which ICMP message becomes which errno):
 * <ul>
 * <li>an answer is REACHED;</li>
 * <li>ENETUNREACH from {@code connect} itself is NO_ROUTE: the sender has no route, nothing was sent;</li>
 * <li>ECONNREFUSED is REFUSED: a RST, or an ICMP port-unreachable (a REJECT rule sends either);</li>
 * <li>an error for another ICMP destination-unreachable (host, net, protocol, filtered) is UNREACHABLE; so is an
 *     ENETUNREACH that came back from the network rather than from the sender's routing table; but an EHOSTUNREACH
 *     the sender's stack raised because ARP for its next hop failed is silence ({@link NeighbourCheck});</li>
 * <li>silence (or the kernel's own ETIMEDOUT, or a datagram its OUTPUT chain dropped: EPERM) is DROPPED when a DROP
 *     rule's counter grew meanwhile, else TIMEOUT.</li>
 * </ul>
 * REFUSED and UNREACHABLE name the REJECT rule when its counter grew. An errno outside these is a failure of the probe
 * itself and is thrown, not guessed at.
 */
public final class TransportVerdict {
    private static final Set<Errno> UNREACHABLE = Set.of(Errno.EHOSTUNREACH, Errno.ENETUNREACH, Errno.EHOSTDOWN,
            Errno.ENONET, Errno.ENOPROTOOPT, Errno.EACCES);

    private TransportVerdict() {
    }

    /** @param evidence asked only when the outcome depends on it */
    public static Observation judge(Probe.Tcp probe, SocketAttempt attempt, Evidence evidence) {
        return judge(probe, "tcp", probe.timeout(), attempt, evidence);
    }

    public static Observation judge(Probe.Udp probe, SocketAttempt attempt, Evidence evidence) {
        return judge(probe, "udp", probe.timeout(), attempt, evidence);
    }

    private static Observation judge(Probe.Addressed probe, String proto, Duration timeout, SocketAttempt attempt, Evidence evidence) {
        return switch (attempt) {
            case SocketAttempt.Answered(Duration took) -> Observation.of(probe, Outcome.REACHED,
                    (proto.equals("tcp") ? "connected" : "answered") + " in " + millis(took));
            case SocketAttempt.RefusedAtSend(Errno errno, Duration took) -> switch (errno) {
                case ENETUNREACH -> Evidence.noRoute(probe);
                case EHOSTUNREACH, EACCES -> evidence.errorReturned(probe, Outcome.UNREACHABLE,
                        "the sender's routing table refuses " + probe.to() + ": " + text(errno));
                case EPERM -> evidence.silence(probe, "the sender's own firewall refused to send it (" + text(errno) + ")");
                default -> throw unexpected(probe, attempt);
            };
            case SocketAttempt.ErrorReturned(Errno errno, Optional<IcmpError> icmp, Duration took) -> {
                if (errno == Errno.ECONNREFUSED) {
                    yield evidence.errorReturned(probe, Outcome.REFUSED, (proto.equals("tcp")
                            ? "connection refused (RST or ICMP port unreachable)" : "ICMP port unreachable") + " after " + millis(took));
                }
                if (errno == Errno.EHOSTUNREACH && evidence.arpFailedForTarget()) {
                    yield evidence.silence(probe, "no answer: ARP for the next hop failed (" + text(errno) + " from the sender's own stack)");
                }
                if (UNREACHABLE.contains(errno)) {
                    yield evidence.errorReturned(probe, Outcome.UNREACHABLE, "ICMP destination unreachable: "
                            + icmp.map(i -> i + " (" + text(errno) + ")").orElse(text(errno)) + " after " + millis(took));
                }
                if (errno == Errno.ETIMEDOUT) {
                    yield evidence.silence(probe, "the kernel gave up connecting (" + text(errno) + ")");
                }
                throw unexpected(probe, attempt);
            }
            case SocketAttempt.NoAnswer(Duration took) -> evidence.silence(probe, "no answer within " + timeout.toMillis() + " ms");
        };
    }

    private static String text(Errno errno) {
        return errno.description().toLowerCase(Locale.ROOT) + " (" + errno + ")";
    }

    private static String millis(Duration d) {
        return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }

    private static NetrigException unexpected(Probe probe, SocketAttempt attempt) {
        return new NetrigException(probe.describe() + ": the socket reported " + attempt + ", which netrig does not judge as an outcome");
    }
}
