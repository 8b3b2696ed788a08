package io.netrig.kernel.host;

import io.netrig.kernel.agent.AgentProtocol.Call;
import io.netrig.kernel.agent.AgentProtocol.Reply;
import io.netrig.kernel.agent.AgentProtocol.Request;
import io.netrig.kernel.agent.AgentProtocol.Result;
import io.netrig.kernel.agent.Wire;
import io.netrig.kernel.exec.SshProcess;
import io.netrig.model.NetrigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's end of one agent: writes calls to its standard input, matches the replies on its standard output
 * by id (several calls may be in flight), and logs its standard error, keeping the last lines for messages.
 */
final class AgentClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentClient.class);
    private static final int STDERR_KEPT = 30;
    private static final Duration EXIT_WAIT = Duration.ofSeconds(30);

    private final String machine;
    private final SshProcess process;
    private final Writer in;
    private final Map<Long, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Deque<String> stderr = new ArrayDeque<>();
    private volatile boolean ended;

    AgentClient(String machine, SshProcess process) {
        this.machine = machine;
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofVirtual().name("agent-out-" + machine).start(this::readReplies);
        Thread.ofVirtual().name("agent-err-" + machine).start(this::readLog);
    }

    /** Sends a call and waits for its reply; an error the agent reports is thrown as it said it, naming the machine. */
    <R extends Result> R call(Request request, Class<R> type, Duration timeout) {
        long id = ids.incrementAndGet();
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            synchronized (in) {
                if (ended) {
                    throw new NetrigException("the agent on machine '" + machine + "' (" + process.where() + ") has ended" + tail());
                }
                in.write(Wire.write(new Call(id, request)));
                in.write('\n');
                in.flush();
            }
            Reply r = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (r.error().isPresent()) {
                throw new NetrigException("machine '" + machine + "': " + r.error().get());
            }
            Result result = r.result().orElseThrow();
            if (!type.isInstance(result)) {
                throw new NetrigException("the agent on machine '" + machine + "' answered " + request.getClass().getSimpleName()
                        + " with " + result.getClass().getSimpleName() + " (expected " + type.getSimpleName() + ")");
            }
            return type.cast(result);
        } catch (IOException e) {
            throw new NetrigException("cannot write to the agent on machine '" + machine + "' (" + process.where() + "): " + e.getMessage() + tail(), e);
        } catch (TimeoutException e) {
            throw new NetrigException("the agent on machine '" + machine + "' did not answer " + request.getClass().getSimpleName()
                    + " within " + timeout.toSeconds() + " s" + tail(), e);
        } catch (ExecutionException e) {
            throw new NetrigException(e.getCause().getMessage() + tail(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetrigException("interrupted while waiting for the agent on machine '" + machine + "'", e);
        } finally {
            pending.remove(id);
        }
    }

    private void readReplies() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Reply reply;
                try {
                    reply = Wire.read(line, Reply.class);
                } catch (NetrigException e) {
                    LOG.warn("machine '{}': not a protocol line on the agent's output: {}", machine, line);
                    continue;
                }
                CompletableFuture<Reply> f = pending.get(reply.id());
                if (f != null) {
                    f.complete(reply);
                }
            }
        } catch (IOException e) {
            LOG.debug("machine '{}': agent output closed: {}", machine, e.getMessage());
        } finally {
            ended = true;
            NetrigException gone = new NetrigException("the agent on machine '" + machine + "' (" + process.where() + ") ended" + tail());
            pending.values().forEach(f -> f.completeExceptionally(gone));
        }
    }

    private void readLog() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                LOG.debug("[{}] {}", machine, line);
                synchronized (stderr) {
                    if (stderr.size() == STDERR_KEPT) {
                        stderr.removeFirst();
                    }
                    stderr.addLast(line);
                }
            }
        } catch (IOException e) {
            LOG.debug("machine '{}': agent log closed: {}", machine, e.getMessage());
        }
    }

    /** The agent's last log lines, for messages. */
    String tail() {
        synchronized (stderr) {
            return stderr.isEmpty() ? "" : "; its last log lines:\n  " + String.join("\n  ", stderr);
        }
    }

    /**
     * Ends the agent's input (it closes whatever lab it still has and exits), waits for it to exit, and closes the
     * channel. Idempotent.
     */
    @Override
    public void close() {
        try {
            synchronized (in) {
                in.close();
            }
        } catch (IOException e) {
            LOG.debug("machine '{}': closing the agent's input: {}", machine, e.getMessage());
        }
        try {
            if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("machine '{}': the agent did not exit within {} s of the end of its input; closing its channel", machine,
                        EXIT_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroy();
    }
}
