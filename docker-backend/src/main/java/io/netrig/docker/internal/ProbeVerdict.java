package io.netrig.docker.internal;

import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.firewall.RuleRef;
import io.netrig.model.net.Ipv4Address;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a probe's program reported into an outcome, with the kernel backend's semantics (its PingVerdict and
 * TransportVerdict): an answer is REACHED; the sender's own "Network is unreachable" is NO_ROUTE; "Connection
 * refused" is REFUSED; an ICMP destination unreachable is UNREACHABLE, except a host unreachable the sender raised
 * itself (its ARP for the next hop failed), which is silence; silence is DROPPED when one of the lab's DROP rules
 * counted the probe meanwhile (the rule is named as the lowering names it), else TIMEOUT. The programs print strerror
 * texts and iputils' fixed ICMP wording, which are what is matched here.
 */
public final class ProbeVerdict {
    private static final Pattern ICMP_FROM = Pattern.compile("From (\\d+\\.\\d+\\.\\d+\\.\\d+)(?: icmp_seq=\\d+)? (Destination (Net|Host|Port|Protocol) Unreachable|Packet filtered|Destination Host Prohibited|Destination Net Prohibited)");
    private static final Pattern ANSWER = Pattern.compile("^(\\d+\\.\\d+\\.\\d+\\.\\d+)\\s", Pattern.MULTILINE);

    private ProbeVerdict() {
    }

    /** @param ownAddresses the sender's addresses; @param droppedBy asked only for silence: the lab rule whose counter grew */
    public static Observation ping(Probe.Ping p, ProcessResult run, Set<Ipv4Address> ownAddresses, Supplier<Optional<RuleRef>> droppedBy) {
        String out = run.output();
        if (run.exitCode() == 0) {
            return Observation.of(p, Outcome.REACHED, "answered (" + count(out, "bytes from") + " of " + p.count() + " echo requests)");
        }
        if (out.contains("Network is unreachable") && !ICMP_FROM.matcher(out).find()) {
            return noRoute(p);
        }
        Matcher icmp = ICMP_FROM.matcher(out);
        if (icmp.find()) {
            Ipv4Address from = Ipv4Address.parse(icmp.group(1));
            boolean ownArp = "Host".equals(icmp.group(3)) && ownAddresses.contains(from);
            if (!ownArp) {
                return Observation.of(p, Outcome.UNREACHABLE, "ICMP from " + from + ": " + icmp.group(2).toLowerCase(java.util.Locale.ROOT));
            }
            return silence(p, "no answer: ARP for the next hop failed", droppedBy);
        }
        if (run.exitCode() == 2 && !out.contains("Operation not permitted")) {
            throw new io.netrig.model.NetrigException(p.describe() + ": ping failed in a way netrig does not judge as an outcome: " + out.strip());
        }
        return silence(p, "no answer within " + p.timeout().toMillis() + " ms (" + p.count() + " echo requests)", droppedBy);
    }

    public static Observation tcp(Probe.Tcp p, ProcessResult run, Supplier<Optional<RuleRef>> droppedBy) {
        String out = run.output();
        if (run.exitCode() == 0) {
            return Observation.of(p, Outcome.REACHED, "connected (" + run.took().toMillis() + " ms with the exec)");
        }
        if (out.contains("Connection refused")) {
            return Observation.of(p, Outcome.REFUSED, "connection refused (RST or ICMP port unreachable)");
        }
        if (out.contains("Network is unreachable")) {
            return noRoute(p);
        }
        for (String unreachable : List.of("No route to host", "Host is down", "Protocol not available", "Permission denied")) {
            if (out.contains(unreachable)) {
                return Observation.of(p, Outcome.UNREACHABLE, "ICMP destination unreachable: " + unreachable.toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (out.contains("timed out") || out.contains("Operation not permitted")) {
            return silence(p, "no answer within " + p.timeout().toMillis() + " ms", droppedBy);
        }
        throw new io.netrig.model.NetrigException(p.describe() + ": nc failed in a way netrig does not judge as an outcome (exit "
                + run.exitCode() + "): " + out.strip());
    }

    /** getent's answers (one line per address and socket type), each address once, in its order. */
    public static Observation lookup(Probe.Lookup p, ProcessResult run) {
        if (run.exitCode() != 0) {
            String why = switch (run.exitCode()) {
                case 2 -> "no such name (getent: key not found)";
                case 124, 143 -> "no answer within " + p.timeout().toMillis() + " ms";
                default -> "getent exit " + run.exitCode();
            };
            return Observation.of(p, Outcome.NOT_FOUND, why);
        }
        Set<Ipv4Address> answers = new LinkedHashSet<>();
        Matcher m = ANSWER.matcher(run.stdout());
        while (m.find()) {
            answers.add(Ipv4Address.parse(m.group(1)));
        }
        if (answers.isEmpty()) {
            return Observation.of(p, Outcome.NOT_FOUND, "getent printed no address");
        }
        return Observation.resolved(p, new ArrayList<>(answers), "resolved to " + answers);
    }

    private static Observation noRoute(Probe p) {
        return Observation.of(p, Outcome.NO_ROUTE, "the sender has no route to " + p.address().map(Object::toString).orElse("?")
                + " (Network is unreachable)");
    }

    private static Observation silence(Probe p, String detail, Supplier<Optional<RuleRef>> droppedBy) {
        Optional<RuleRef> rule = droppedBy.get();
        if (rule.isPresent()) {
            return new Observation(p, Outcome.DROPPED, rule, detail + "; dropped by " + rule.get(), List.of());
        }
        return Observation.of(p, Outcome.TIMEOUT, detail);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
