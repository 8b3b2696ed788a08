package io.netrig.kernel.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs commands as real processes and keeps a log of every execution. */
public final class ProcessExecutor implements CommandExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessExecutor.class);
    /** Enough for diagnosing a run, small enough that a long soak does not grow the heap without bound. */
    private static final int HISTORY_LIMIT = 10_000;

    private final List<Execution> history = new ArrayList<>();

    @Override
    public CommandResult result(Command command) {
        long start = System.nanoTime();
        Process process = start(command);
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        writeStdin(process, command);
        int exit;
        try {
            if (!process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                // our own child, ended by its handle (never by name)
                process.destroyForcibly();
                process.waitFor();
                throw new CommandFailedException(command, -1, "timed out after " + command.timeout() + "; " + join(err));
            }
            exit = process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CommandFailedException(command, -1, "interrupted while waiting");
        }
        CommandResult result = new CommandResult(command, exit, join(out), join(err), Duration.ofNanos(System.nanoTime() - start));
        record(result);
        return result;
    }

    @Override
    public RunningProcess spawn(Command command) {
        Process process = start(command);
        writeStdin(process, command);
        LOG.debug("started pid {} in {}: {}", process.pid(), command.where(), command.argv());
        return new RunningProcess(command, process);
    }

    /** Every execution so far (the most recent {@value #HISTORY_LIMIT}), oldest first. */
    public synchronized List<Execution> history() {
        return List.copyOf(history);
    }

    private synchronized void record(CommandResult r) {
        if (history.size() == HISTORY_LIMIT) {
            history.removeFirst();
        }
        history.add(Execution.of(r));
        if (LOG.isDebugEnabled()) {
            LOG.debug("ran in {} ({} ms, exit {}): {}{}{}", r.command().where(), r.duration().toMillis(), r.exitCode(),
                    String.join(" ", r.command().argv()),
                    r.command().stdin().map(s -> "\n  | " + String.join("\n  | ", s.lines().toList())).orElse(""),
                    r.stderr().isBlank() ? "" : "\n  stderr: " + r.stderr().strip());
        }
    }

    private static Process start(Command command) {
        ProcessBuilder pb = new ProcessBuilder(command.argv());
        if (command.stdin().isEmpty()) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        try {
            return pb.start();
        } catch (IOException e) {
            throw new CommandFailedException(command, -1, "could not start: " + e.getMessage());
        }
    }

    private static void writeStdin(Process process, Command command) {
        command.stdin().ifPresent(text -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the process exited before reading all input; its exit code and stderr tell why
                LOG.debug("stdin of {} closed early: {}", command.argv().getFirst(), e.getMessage());
            }
        });
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (stream) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                stream.transferTo(buf);
                f.complete(buf.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.completeExceptionally(new UncheckedIOException(e));
            }
        });
        return f;
    }

    private static String join(CompletableFuture<String> f) {
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }
}
