package io.netrig.sim.internal;

import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.dns.DnsMessage;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.HostsEntry;
import io.netrig.model.topology.Provenance;
import io.netrig.model.topology.ResolverConfig;
import io.netrig.sim.core.ScheduledEvent;
import io.netrig.sim.core.Simulator;
import io.netrig.sim.core.Trace;
import io.netrig.sim.stack.IpStack;
import io.netrig.sim.stack.SendResult;
import io.netrig.sim.stack.UdpHandler;
import io.netrig.sim.stack.UdpSocket;
import io.netrig.sim.wire.IcmpMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code getent ahostsv4 NAME} (getaddrinfo with AF_INET) as glibc runs it: a name that is an IPv4 address is
 * itself; else the hosts file (every line naming it, compared without regard to case; the addresses in file order,
 * each once); else a DNS query for A records over UDP port 53, to each nameserver in turn, {@code attempts} times,
 * waiting as {@link ResolverOptions#schedule} says. An answer with addresses ends the lookup (REACHED), as do NXDOMAIN
 * and an answer without addresses (NOT_FOUND: glibc takes them as final). SERVFAIL, REFUSED, an ICMP error (port
 * unreachable: nothing listens) or no route send the query on to the next server at once; silence, when the wait is
 * over. When every try failed the lookup is NOT_FOUND, saying what each server did. Names are looked up as given
 * (no search domains). The probe's own timeout caps the whole lookup, as {@code timeout T getent …} would.
 */
final class LookupRun extends ProbeRun implements UdpHandler {
    private static final int DNS_PORT = 53;

    private final Probe.Lookup lookup;
    private final ResolverConfig config;
    private final ResolverOptions options;
    private final List<ResolverOptions.Try> tries;
    private final Map<Ipv4Address, String> fates = new LinkedHashMap<>();
    private int current = -1;
    private Optional<UdpSocket> socket = Optional.empty();
    private Optional<ScheduledEvent> wait = Optional.empty();
    private int queryId;
    private Optional<Observation> result = Optional.empty();

    LookupRun(Simulator sim, IpStack stack, Probe.Lookup lookup, Optional<ResolverConfig> config) {
        super(sim, stack, lookup);
        this.lookup = lookup;
        this.config = config.orElseGet(() -> new ResolverConfig(lookup.from(), List.of(), List.of(), List.of(),
                Provenance.of("no resolver files in " + lookup.from())));
        this.options = ResolverOptions.of(this.config);
        this.tries = options.schedule();
    }

    @Override
    long durationNanos() {
        long total = tries.stream().mapToLong(ResolverOptions.Try::waitNanos).sum();
        return Math.min(total, lookup.timeout().toNanos());
    }

    @Override
    void begin() {
        Optional<Ipv4Address> literal = Ipv4Address.tryParse(lookup.name());
        if (literal.isPresent()) {
            resolved(List.of(literal.get()), "a numeric address");
            return;
        }
        List<Ipv4Address> fromHosts = new ArrayList<>();
        for (HostsEntry e : config.hosts()) {
            if (e.names().stream().anyMatch(n -> n.equalsIgnoreCase(lookup.name())) && !fromHosts.contains(e.address())) {
                fromHosts.add(e.address());
            }
        }
        if (!fromHosts.isEmpty()) {
            resolved(fromHosts, "from /etc/hosts of " + lookup.from());
            return;
        }
        nextTry();
    }

    @Override
    boolean finished() {
        return result.isPresent();
    }

    @Override
    void end() {
        closeTry();
    }

    private void nextTry() {
        closeTry();
        current++;
        if (current >= tries.size()) {
            result = Optional.of(notFound("no nameserver answered: " + fatesText()));
            return;
        }
        ResolverOptions.Try t = tries.get(current);
        Trace trace = newTrace(current == 0);
        socket = stack.udp().connect(t.address(), DNS_PORT, this);
        if (socket.isEmpty()) {
            failed(t, "no route", trace);
            return;
        }
        queryId = sim.random().nextInt(0x10000);
        byte[] query = DnsMessage.queryA(queryId, lookup.name()).encode();
        if (trace.recording()) {
            trace.step(lookup.from() + " asks " + t.address() + " for the A records of " + lookup.name());
        }
        SendResult sent = socket.get().send(query, trace);
        if (sent == SendResult.NO_ROUTE) {
            failed(t, "no route", trace);
            return;
        }
        if (sent == SendResult.DROPPED) {
            failed(t, "sendto: Operation not permitted", trace);
            return;
        }
        wait = Optional.of(sim.schedule(t.waitNanos(), "resolver wait " + lookup.describe(),
                () -> failedLater(t, "no answer within " + t.waitNanos() / 1_000_000_000L + " s")));
    }

    private void closeTry() {
        wait.ifPresent(ScheduledEvent::cancel);
        wait = Optional.empty();
        socket.ifPresent(UdpSocket::close);
        socket = Optional.empty();
    }

    /** This try failed at once: on to the next (scheduled, as the resolver loops rather than recurses). */
    private void failed(ResolverOptions.Try t, String what, Trace trace) {
        fates.merge(t.address(), what, (a, b) -> a.equals(b) ? a : a + ", then " + b);
        if (trace.recording()) {
            trace.step(lookup.from() + ": nameserver " + t.address() + ": " + what);
        }
        closeTry();
        sim.schedule(0, "resolver next try " + lookup.describe(), this::nextTry);
    }

    private void failedLater(ResolverOptions.Try t, String what) {
        wait = Optional.empty();
        fates.merge(t.address(), what, (a, b) -> a.equals(b) ? a : a + ", then " + b);
        nextTry();
    }

    @Override
    public void received(UdpSocket s, Ipv4Address from, int fromPort, byte[] data, Trace trace) {
        Optional<DnsMessage> answer = DnsMessage.decode(data).filter(m -> m.response() && m.id() == queryId);
        if (answer.isEmpty() || result.isPresent()) {
            return;  // send_dg ignores what is not the answer to its query
        }
        DnsMessage m = answer.get();
        ResolverOptions.Try t = tries.get(current);
        switch (m.rcode()) {
            case DnsMessage.NOERROR -> {
                if (m.answers().isEmpty()) {
                    result = Optional.of(notFound(lookup.name() + ": " + t.address() + " answered NOERROR without addresses"));
                } else {
                    resolved(m.answers(), "answered by " + t.address());
                }
                closeTry();
            }
            case DnsMessage.NXDOMAIN -> {
                result = Optional.of(notFound(lookup.name() + ": NXDOMAIN from " + t.address()));
                closeTry();
            }
            default -> failed(t, DnsMessage.rcodeName(m.rcode()), trace);
        }
    }

    @Override
    public void error(UdpSocket s, Ipv4Address from, IcmpMessage m, Trace trace) {
        if (result.isEmpty() && (m.type() == IcmpMessage.DEST_UNREACHABLE || m.type() == IcmpMessage.TIME_EXCEEDED)) {
            failed(tries.get(current), m.errorText() + " from " + from, trace);
        }
    }

    private void resolved(List<Ipv4Address> answers, String how) {
        result = Optional.of(new Observation(lookup, Outcome.REACHED, Optional.empty(),
                lookup.name() + " is " + answers + " (" + how + ")", path(), answers));
    }

    private Observation notFound(String detail) {
        return new Observation(lookup, Outcome.NOT_FOUND, firstDrop(), detail, path());
    }

    private String fatesText() {
        List<String> parts = new ArrayList<>();
        fates.forEach((server, what) -> parts.add(server + ": " + what));
        return String.join("; ", parts);
    }

    @Override
    Observation observation() {
        if (result.isPresent()) {
            return result.get();
        }
        ResolverOptions.Try t = tries.get(Math.max(0, current));
        fates.merge(t.address(), "no answer before the lookup's timeout", (a, b) -> a.equals(b) ? a : a + ", then " + b);
        return notFound("no nameserver answered within " + lookup.timeout().toMillis() + " ms: " + fatesText());
    }
}
