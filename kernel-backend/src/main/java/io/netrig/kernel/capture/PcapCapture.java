package io.netrig.kernel.capture;

import io.netrig.kernel.netns.NamespaceThreads;
import io.netrig.model.NetrigException;
import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.topology.LinkRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapDumper;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A capture by libpcap (through pcap4j) inside the JVM. Only {@code pcap_activate}, which makes the packet socket and
 * finds the interface by name, runs on the namespace's thread: the socket then belongs to the namespace, and filtering,
 * reading and writing the file run on an ordinary platform thread (a native read would pin a virtual thread's
 * carrier). Everything else pcap4j and JNA set up once (the library, JNA's cleaner thread) is set up here first, on a
 * thread in the process's namespace: a thread started by a namespace thread would start inside the lab's namespace.
 * Stopping lets the reader write what the kernel has already queued (every packet of a probe that returned before
 * {@link #stop}), then closes the file.
 */
public final class PcapCapture implements Capture {
    private static final Logger LOG = LoggerFactory.getLogger(PcapCapture.class);
    private static final int SNAPLEN = 65_535;
    /** libpcap's buffer timeout (reads do not block, see {@link #read()}). */
    private static final Duration READ_TIMEOUT = Duration.ofMillis(50);
    /** How long the reader rests when nothing is queued: the capture's delay, and 200 empty reads a second at most. */
    private static final Duration IDLE_WAIT = Duration.ofMillis(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Optional<String> UNAVAILABLE = loadOnce();

    private final LinkRef where;
    private final Path file;
    private final PcapHandle handle;
    private final PcapDumper dumper;
    private final Thread reader;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong packets = new AtomicLong();
    private volatile Exception failure;

    private PcapCapture(LinkRef where, Path file, PcapHandle handle, PcapDumper dumper) {
        this.where = where;
        this.file = file;
        this.handle = handle;
        this.dumper = dumper;
        this.reader = Thread.ofPlatform().name("capture " + where).daemon(true).unstarted(this::read);
    }

    /**
     * Loads libpcap and JNA's cleaner on this thread; an error text when libpcap cannot be used here (then tcpdump is
     * the fallback). JNA runs its cleaner thread only while some native memory is registered, and would start it again
     * from whichever thread allocates next; one small block held for the JVM's life keeps it running from here.
     */
    private static Optional<String> loadOnce() {
        try {
            String version = Pcaps.libVersion();
            JnaPin.MEMORY.size();
            LOG.debug("captures use {}", version);
            return Optional.empty();
        } catch (LinkageError e) {
            return Optional.of("libpcap cannot be loaded through pcap4j: " + e);
        }
    }

    /** Why pcap4j captures are not possible here, if they are not. */
    public static Optional<String> unavailable() {
        return UNAVAILABLE;
    }

    /** @param kernelNamespace the lab's namespace holding {@code where} */
    public static PcapCapture start(NamespaceThreads threads, String kernelNamespace, LinkRef where, CaptureFilter filter, Path file) {
        UNAVAILABLE.ifPresent(why -> {
            throw new NetrigException("cannot capture on " + where + " with pcap4j: " + why);
        });
        PcapHandle handle;
        try {
            handle = threads.call(kernelNamespace, () -> activate(where));
        } catch (java.io.IOException e) {
            throw new NetrigException("cannot capture on " + where + " in namespace " + kernelNamespace + ": " + e.getMessage(), e);
        }
        try {
            if (filter.protocol().isPresent()) {
                handle.setFilter(filter.protocol().get().iptablesName(), BpfProgram.BpfCompileMode.OPTIMIZE);
            }
            handle.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
            PcapDumper dumper = handle.dumpOpen(file.toString());
            PcapCapture c = new PcapCapture(where, file, handle, dumper);
            c.reader.start();
            LOG.info("capturing on {} into {} (pcap4j, in-JVM)", where, file);
            return c;
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            handle.close();
            throw new NetrigException("cannot capture on " + where + " into " + file + ": " + e.getMessage(), e);
        }
    }

    /** On the namespace's thread: the packet socket is made and bound to the interface of that namespace. */
    private static PcapHandle activate(LinkRef where) {
        try {
            return new PcapHandle.Builder(where.name().value())
                    .snaplen(SNAPLEN)
                    .promiscuousMode(PcapNetworkInterface.PromiscuousMode.PROMISCUOUS)
                    .timeoutMillis((int) READ_TIMEOUT.toMillis())
                    // otherwise libpcap hands packets over in blocks, and a probe's last packets could wait past stop()
                    .immediateMode(true)
                    .build();
        } catch (PcapNativeException e) {
            throw new NetrigException("libpcap cannot open " + where + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads without blocking and rests briefly when nothing is queued. A blocking read cannot be ended cleanly: libpcap
     * ignores the read timeout in immediate mode, and {@code pcap_breakloop} can discard a packet it has already taken
     * from the ring. Every packet tapped before {@link #stop} is in the ring by then, so the pass that follows the stop
     * request writes them all.
     */
    private void read() {
        try {
            while (true) {
                boolean last = stopping.get();
                int read = drain();
                if (last) {
                    return;
                }
                if (read == 0) {
                    LockSupport.parkNanos(IDLE_WAIT.toNanos());
                }
            }
        } catch (PcapNativeException | NotOpenException e) {
            failure = e;
        }
    }

    private int drain() throws PcapNativeException, NotOpenException {
        int n = 0;
        for (byte[] packet; (packet = handle.getNextRawPacket()) != null; n++) {
            write(packet);
        }
        return n;
    }

    private void write(byte[] packet) throws NotOpenException {
        dumper.dumpRaw(packet, handle.getTimestamp());
        packets.incrementAndGet();
    }

    @Override
    public LinkRef where() {
        return where;
    }

    @Override
    public Path stop() {
        if (!stopped.compareAndSet(false, true)) {
            return file;
        }
        stopping.set(true);
        LockSupport.unpark(reader);
        try {
            if (!reader.join(STOP_TIMEOUT)) {
                LOG.warn("capture on {} did not end within {} s of being stopped", where, STOP_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            dumper.flush();
        } catch (PcapNativeException | NotOpenException e) {
            LOG.warn("capture on {}: flushing {} failed: {}", where, file, e.getMessage());
        } finally {
            dumper.close();
            handle.close();
        }
        if (failure != null) {
            throw new NetrigException("capture on " + where + " stopped reading early: " + failure.getMessage(), failure);
        }
        LOG.info("capture on {} stopped: {} packets in {}", where, packets.get(), file);
        return file;
    }

    @Override
    public String toString() {
        return "capture on " + where + " into " + file + " (pcap4j)";
    }

    /** Holds one small block of JNA memory for the JVM's life (see {@link #loadOnce()}). */
    private static final class JnaPin {
        static final com.sun.jna.Memory MEMORY = new com.sun.jna.Memory(1);
    }
}
