package io.netrig.kernel.capture;

import io.netrig.kernel.exec.CommandExecutor;
import io.netrig.kernel.exec.RunningProcess;
import io.netrig.kernel.exec.TcpdumpCommand;
import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.topology.LinkRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A capture by {@code tcpdump -w} inside the interface's namespace (the documented fallback until pcap4j runs on a
 * thread that joined the namespace). Started only once tcpdump says it is listening, so no probe sent after
 * {@link #start} returns is missed; ended by its own pid.
 */
public final class TcpdumpCapture implements Capture {
    private static final Logger LOG = LoggerFactory.getLogger(TcpdumpCapture.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /**
     * tcpdump writes what it has read when it is stopped, but a packet the kernel has queued on its socket and it has
     * not read yet is lost; so stop waits this long first (a reply that crossed the bridge microseconds ago is read).
     */
    private static final Duration DRAIN = Duration.ofMillis(200);

    private final LinkRef where;
    private final Path file;
    private final RunningProcess process;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private TcpdumpCapture(LinkRef where, Path file, RunningProcess process) {
        this.where = where;
        this.file = file;
        this.process = process;
    }

    /** @param kernelNamespace the lab's namespace holding {@code where} */
    public static TcpdumpCapture start(CommandExecutor exec, String kernelNamespace, LinkRef where, CaptureFilter filter, Path file) {
        RunningProcess p = exec.spawn(TcpdumpCommand.of(kernelNamespace, where.name(), file, filter.protocol()));
        p.awaitStderr(line -> line.contains("listening on"), READY_TIMEOUT);
        LOG.info("capturing on {} into {} (tcpdump pid {})", where, file, p.pid());
        return new TcpdumpCapture(where, file, p);
    }

    @Override
    public LinkRef where() {
        return where;
    }

    @Override
    public Path stop() {
        if (stopped.compareAndSet(false, true)) {
            try {
                Thread.sleep(DRAIN);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int exit = process.stop(STOP_GRACE);
            LOG.info("capture on {} stopped (tcpdump exit {}): {}", where, exit, file);
        }
        return file;
    }

    @Override
    public String toString() {
        return "capture on " + where + " into " + file;
    }
}
