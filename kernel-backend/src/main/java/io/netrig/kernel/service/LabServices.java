package io.netrig.kernel.service;

import io.netrig.kernel.netns.Errno;
import io.netrig.kernel.netns.NamespaceThreads;
import io.netrig.model.NetrigException;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.topology.DnsServer;
import io.netrig.model.topology.Listener;
import io.netrig.model.topology.PortProxy;
import io.netrig.model.topology.Service;
import io.netrig.model.topology.Topology;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Topology#services() services} of a running lab, as sockets inside the lab's namespaces served by
 * threads of this JVM (no helper process: a killed JVM leaves no listener behind). Started once the lab's addresses
 * and rules exist; closing stops them all.
 */
public final class LabServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LabServices.class);

    private final List<RunningService> running;

    private LabServices(List<RunningService> running) {
        this.running = List.copyOf(running);
    }

    /** No services (a lab without any, or before they start). */
    public static LabServices none() {
        return new LabServices(List.of());
    }

    /**
     * Starts every service of {@code topology}; if one cannot start, stops those already started and throws, naming
     * the service and the reason (e.g. the address is not one of the namespace's).
     *
     * @param kernelNamespace the kernel name of a topology namespace
     */
    public static LabServices start(Topology topology, UnaryOperator<String> kernelNamespace, NamespaceThreads threads) {
        return none().plus(topology.services(), topology, kernelNamespace, threads);
    }

    /**
     * These services and {@code more} (services of {@code topology}) started now; if one cannot start, stops those
     * started by this call (the running ones stay) and throws.
     */
    public LabServices plus(List<Service> more, Topology topology, UnaryOperator<String> kernelNamespace, NamespaceThreads threads) {
        List<RunningService> started = new ArrayList<>();
        for (Service s : more) {
            String ns = kernelNamespace.apply(s.namespace());
            try {
                started.add(start(s, ns, threads, topology));
            } catch (IOException | RuntimeException e) {
                NetrigException failure = new NetrigException("cannot start " + describe(s) + ": " + reason(e), e);
                new LabServices(started).closeInto(failure);
                throw failure;
            }
        }
        if (!started.isEmpty()) {
            LOG.info("services started: {}", started.stream().map(r -> describe(r.service())).toList());
        }
        List<RunningService> all = new ArrayList<>(running);
        all.addAll(started);
        return new LabServices(all);
    }

    /** Stops the running services that are among {@code gone} and returns the rest, still running. */
    public LabServices without(List<Service> gone) {
        List<RunningService> keep = new ArrayList<>();
        List<RunningService> stop = new ArrayList<>();
        for (RunningService r : running) {
            (gone.contains(r.service()) ? stop : keep).add(r);
        }
        NetrigException failure = new NetrigException("could not stop every service the update removes");
        new LabServices(stop).closeInto(failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
        if (!stop.isEmpty()) {
            LOG.info("services stopped: {}", stop.stream().map(r -> describe(r.service())).toList());
        }
        return new LabServices(keep);
    }

    /** The services running, in start order. */
    public List<Service> services() {
        return running.stream().map(RunningService::service).toList();
    }

    private static RunningService start(Service s, String ns, NamespaceThreads threads, Topology topology) throws IOException {
        return switch (s) {
            case Listener l -> l.protocol() == IpProtocol.TCP ? TcpServer.start(l, ns, threads)
                    : UdpEchoServer.start(l, ns, threads, topology.ipsOf(l.namespace()));
            case PortProxy p -> p.protocol() == IpProtocol.TCP ? TcpProxy.start(p, ns, threads) : UdpProxy.start(p, ns, threads);
            case DnsServer d -> DnsService.start(d, ns, threads, topology.ipsOf(d.namespace()));
        };
    }

    /** Stops every service (closing its sockets) and waits for its threads. Idempotent. */
    @Override
    public void close() {
        NetrigException failure = new NetrigException("could not stop every service of the lab");
        closeInto(failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private void closeInto(NetrigException failure) {
        for (RunningService r : running.reversed()) {
            try {
                r.close();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** {@code tcp 0.0.0.0:80 in 'c1' (container 'web')}, or for a proxy also its target. */
    static String describe(Service s) {
        String where = s.socketText() + " in '" + s.namespace() + "' (" + s.provenance() + ")";
        return switch (s) {
            case Listener l -> "listener " + where;
            case PortProxy p -> "port proxy " + where + " to " + p.target() + ":" + p.targetPort();
            case DnsServer d -> "DNS server " + where + " with " + d.records().size() + " records";
        };
    }

    private static String reason(Exception e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof IOException io) {
            text += Errno.of(io).map(errno -> " (" + errno + ")").orElse("");
        }
        return e instanceof java.net.BindException ? "cannot bind: " + text : text;
    }
}
