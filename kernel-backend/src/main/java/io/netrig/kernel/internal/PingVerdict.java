package io.netrig.kernel.internal;

import io.netrig.kernel.exec.CommandResult;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a ping's exit code and messages into an outcome. Reading ping's messages is the one documented exception to
 * "never parse human output": ping has no machine format, and these few phrases are stable across iputils versions.
 */
public final class PingVerdict {
    private static final List<String> UNREACHABLE = List.of(
            "Destination Host Unreachable", "Destination Net Unreachable", "Destination Port Unreachable");

    private PingVerdict() {
    }

    /**
     * @param evidence asked only when the ping failed: the rule whose counter grew; for "Destination Host Unreachable",
     *                 whether the sender's own ARP failed, which is silence as for TCP and UDP probes ({@link NeighbourCheck})
     */
    public static Observation judge(Probe.Ping ping, CommandResult result, Evidence evidence) {
        if (result.exitCode() == 0) {
            return Observation.of(ping, Outcome.REACHED, "answered (" + ping.count() + " of " + ping.count() + " echo requests)");
        }
        if (result.stderr().contains("Network is unreachable")) {
            return Evidence.noRoute(ping);
        }
        if (result.exitCode() != 1) {
            // ping says 1 for "no answer"; anything else (bad namespace, bad argument) is a failure of the probe itself
            result.orThrow();
        }
        Optional<String> unreachable = UNREACHABLE.stream().filter(result.stdout()::contains).findFirst();
        boolean ownArp = unreachable.equals(Optional.of("Destination Host Unreachable")) && evidence.arpFailedForTarget();
        if (unreachable.isPresent() && !ownArp) {
            return evidence.errorReturned(ping, Outcome.UNREACHABLE, unreachable.get().toLowerCase(Locale.ROOT));
        }
        return evidence.silence(ping, (ownArp ? "no answer: ARP for the next hop failed" : "no answer")
                + " within " + ping.timeout().toMillis() + " ms (exit code " + result.exitCode() + ")");
    }
}
