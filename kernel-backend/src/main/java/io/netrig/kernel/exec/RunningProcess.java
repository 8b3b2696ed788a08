package io.netrig.kernel.exec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A long-running process started by the executor; it is ended only through this handle, by its own pid. */
public final class RunningProcess {
    private static final Logger LOG = LoggerFactory.getLogger(RunningProcess.class);

    private final Command command;
    private final Process process;
    private final List<String> stderrLines = new ArrayList<>();
    private volatile boolean readerOpen = true;

    RunningProcess(Command command, Process process) {
        this.command = command;
        this.process = process;
        Thread.ofVirtual().start(this::readStderr);
        // stdout is not used by the processes we spawn (captures write files); drain it so they never block
        Thread.ofVirtual().start(() -> {
            try (var in = process.getInputStream()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                LOG.trace("stdout of pid {} closed: {}", process.pid(), e.getMessage());
            }
        });
    }

    public long pid() {
        return process.pid();
    }

    public Command command() {
        return command;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until the process writes a stderr line matching {@code ready}; throws {@link CommandFailedException} if
     * it exits first or the time runs out (ending the process then).
     */
    public void awaitStderr(Predicate<String> ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stderrLines) {
            while (stderrLines.stream().noneMatch(ready)) {
                long left = deadline - System.nanoTime();
                if (!process.isAlive() && !readerOpen) {
                    throw new CommandFailedException(command, process.exitValue(), String.join("\n", stderrLines));
                }
                if (left <= 0) {
                    stop(Duration.ofSeconds(5));
                    throw new CommandFailedException(command, -1, "not ready after " + timeout + "; stderr: " + String.join("\n", stderrLines));
                }
                try {
                    stderrLines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop(Duration.ofSeconds(5));
                    throw new CommandFailedException(command, -1, "interrupted while waiting for it to become ready");
                }
            }
        }
    }

    /** Ends the process with SIGTERM (then SIGKILL after {@code grace}) and returns its exit code. Idempotent. */
    public int stop(Duration grace) {
        if (process.isAlive()) {
            process.destroy();
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        LOG.debug("pid {} ended with {}: {}", process.pid(), process.exitValue(), command.argv());
        return process.exitValue();
    }

    public List<String> stderrLines() {
        synchronized (stderrLines) {
            return List.copyOf(stderrLines);
        }
    }

    private void readStderr() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (stderrLines) {
                    stderrLines.add(line);
                    stderrLines.notifyAll();
                }
            }
        } catch (IOException e) {
            LOG.trace("stderr of pid {} closed: {}", process.pid(), e.getMessage());
        } finally {
            readerOpen = false;
            synchronized (stderrLines) {
                stderrLines.notifyAll();
            }
        }
    }
}
