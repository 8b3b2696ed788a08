package io.netrig.kernel.agent;

import io.netrig.kernel.KernelBackend;
import io.netrig.kernel.agent.AgentProtocol.Call;
import io.netrig.kernel.agent.AgentProtocol.CaptureStarted;
import io.netrig.kernel.agent.AgentProtocol.CaptureStopped;
import io.netrig.kernel.agent.AgentProtocol.Clean;
import io.netrig.kernel.agent.AgentProtocol.Cleaned;
import io.netrig.kernel.agent.AgentProtocol.Close;
import io.netrig.kernel.agent.AgentProtocol.Counters;
import io.netrig.kernel.agent.AgentProtocol.Done;
import io.netrig.kernel.agent.AgentProtocol.Probed;
import io.netrig.kernel.agent.AgentProtocol.ReadCounters;
import io.netrig.kernel.agent.AgentProtocol.Reply;
import io.netrig.kernel.agent.AgentProtocol.Request;
import io.netrig.kernel.agent.AgentProtocol.Result;
import io.netrig.kernel.agent.AgentProtocol.RunProbe;
import io.netrig.kernel.agent.AgentProtocol.Start;
import io.netrig.kernel.agent.AgentProtocol.StartCapture;
import io.netrig.kernel.agent.AgentProtocol.Started;
import io.netrig.kernel.agent.AgentProtocol.StopCapture;
import io.netrig.kernel.agent.AgentProtocol.Update;
import io.netrig.kernel.internal.KernelLab;
import io.netrig.model.NetrigException;
import io.netrig.model.backend.Capture;
import io.netrig.model.backend.LabOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one machine's part of a lab for a controller on another machine ({@link AgentMain}): reads {@link Call}s,
 * runs each on a thread of its own (probes run side by side, as the controller's {@code probeAll} asks), answers with
 * {@link Reply}s. Holds at most one lab; it is closed on {@link Close}, at the end of the input (the controller went
 * away, or its SSH connection did), and by the JVM's shutdown hook.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private final PrintStream out;
    private final KernelBackend backend;
    private volatile KernelLab lab;
    private final Map<Integer, Capture> captures = new ConcurrentHashMap<>();
    private final List<Path> files = new ArrayList<>();
    private final AtomicInteger captureIds = new AtomicInteger();

    public Agent(PrintStream out, KernelBackend backend) {
        this.out = out;
        this.backend = backend;
    }

    /** Answers calls until the input ends, then closes the lab. */
    public void serve(BufferedReader in) throws IOException {
        ExecutorService pool = Executors.newCachedThreadPool(Thread.ofPlatform().name("agent-call-", 0).daemon(true).factory());
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Call call = Wire.read(line, Call.class);
                pool.submit(() -> answer(call));
            }
        } finally {
            pool.shutdown();
            close();
        }
    }

    private void answer(Call call) {
        Reply reply;
        try {
            reply = Reply.ok(call.id(), handle(call.request()));
        } catch (RuntimeException e) {
            LOG.debug("call {} failed", call.id(), e);
            reply = Reply.failed(call.id(), e.getMessage() == null ? e.toString() : e.getMessage());
        }
        String text = Wire.write(reply);
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }

    Result handle(Request request) {
        return switch (request) {
            case Start(var part, String prefix, String workDir) -> {
                if (lab != null) {
                    throw new NetrigException("this agent already runs lab " + lab.id());
                }
                long t0 = System.nanoTime();
                KernelLab started = backend.startHere(part, LabOptions.defaults().withPrefix(prefix).withWorkDir(Path.of(workDir)));
                lab = started;
                yield new Started(started.id().toString(), started.namespaces(), (System.nanoTime() - t0) / 1_000_000);
            }
            case RunProbe(var probe) -> new Probed(running().probeUnattributed(probe));
            case ReadCounters() -> new Counters(running().counterTexts());
            case StartCapture(var where, var filter) -> {
                int id = captureIds.incrementAndGet();
                captures.put(id, running().capture(where, filter));
                yield new CaptureStarted(id);
            }
            case StopCapture(int id) -> {
                Capture c = captures.remove(id);
                if (c == null) {
                    throw new NetrigException("no capture " + id + " runs on this machine");
                }
                Path file = c.stop().toAbsolutePath();
                synchronized (files) {
                    files.add(file);
                }
                yield new CaptureStopped(file.toString());
            }
            case Update(var next) -> {
                running().update(next);
                yield new Done();
            }
            case Close() -> {
                close();
                yield new Done();
            }
            case Clean(String prefix) -> new Cleaned(backend.removeLeftovers(prefix));
        };
    }

    private KernelLab running() {
        KernelLab l = lab;
        if (l == null) {
            throw new NetrigException("no lab runs on this machine (start it first)");
        }
        return l;
    }

    /** Closes the lab (captures, services, namespaces) and deletes the pcap files the controller has copied. Idempotent. */
    @Override
    public synchronized void close() {
        KernelLab l = lab;
        if (l != null) {
            captures.values().forEach(Capture::stop);
            captures.clear();
            l.close();
            lab = null;
        }
        synchronized (files) {
            for (Path f : files) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    LOG.warn("could not delete capture file {}: {}", f, e.getMessage());
                }
            }
            files.clear();
        }
    }
}
