package io.netrig.kernel.netns;

import io.netrig.model.NetrigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates sockets inside lab namespaces without starting a process. For each namespace it is asked about, it starts
 * one platform thread that joins the namespace with {@code setns(2)} (which moves that thread only, never the rest of
 * the JVM) and then runs the tasks given to it. A socket belongs to the namespace of the thread that created it for
 * its whole life, whichever thread later uses it; so tasks here only <em>create</em> sockets (and bind them), and all
 * I/O runs on ordinary threads. Virtual threads never join a namespace: they move between carrier threads.
 *
 * <p>A thread runs no task until it has checked that it is in the namespace it asked for (the inode of
 * {@code /proc/thread-self/ns/net} equals that of {@code /run/netns/NAME}); if joining fails, nothing runs there, so
 * no socket can ever be made in the machine's own namespace by mistake. {@link #close()} closes every socket made
 * here, moves each thread back to the process's namespace, ends it, and checks that no thread of the JVM is still in
 * a namespace it joined: a thread or a socket in a namespace keeps the namespace alive after {@code ip netns del}.
 */
public final class NamespaceThreads implements AutoCloseable {
    public static final Path NETNS_DIR = Path.of("/run/netns");
    private static final Logger LOG = LoggerFactory.getLogger(NamespaceThreads.class);
    private static final Path THREAD_NS = Path.of("/proc/thread-self/ns/net");
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration TASK_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int HISTORY_LIMIT = 10_000;
    private static final int PRUNE_AT = 1_024;

    /** Work for a namespace thread: creates (and binds) a socket, or another object tied to the namespace. */
    @FunctionalInterface
    public interface Task<T> {
        T run() throws IOException;
    }

    static {
        settleJdkSockets();
    }

    private final Path dir;
    private final Map<String, Worker> workers = new LinkedHashMap<>();
    /** Every socket made here, with the namespace it was made in. */
    private final Map<Channel, String> channels = new ConcurrentHashMap<>();
    private final Deque<NetnsCall> history = new ArrayDeque<>();
    private boolean closed;

    /** Namespaces named as {@code ip netns} names them, in {@code /run/netns}. */
    public NamespaceThreads() {
        this(NETNS_DIR);
    }

    /** @param dir where the namespace files are; a namespace {@code NAME} is the file {@code dir/NAME} */
    public NamespaceThreads(Path dir) {
        this.dir = dir;
    }

    /**
     * Runs {@code task} on the thread of namespace {@code ns} (starting it and joining the namespace on first use) and
     * returns its result. The task's {@link IOException} comes out as is.
     *
     * @throws SyscallFailedException if the thread could not join the namespace (the task did not run)
     */
    public <T> T call(String ns, Task<T> task) throws IOException {
        return worker(ns).run(task);
    }

    /** An unconnected TCP socket in {@code ns}. */
    public SocketChannel openTcp(String ns) throws IOException {
        return track(ns, call(ns, () -> SocketChannel.open(StandardProtocolFamily.INET)));
    }

    /** A TCP socket in {@code ns} listening on {@code local} (SO_REUSEADDR, as servers set it). */
    public ServerSocketChannel openTcpServer(String ns, InetSocketAddress local, int backlog) throws IOException {
        return track(ns, call(ns, () -> {
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
            try {
                server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                server.bind(local, backlog);
                return server;
            } catch (IOException e) {
                server.close();
                throw e;
            }
        }));
    }

    /**
     * A UDP socket in {@code ns}, bound to {@code local} if given (with SO_REUSEADDR, so that a wildcard socket and
     * sockets on single addresses can share a port), otherwise to an ephemeral port when first used.
     */
    public DatagramChannel openUdp(String ns, Optional<InetSocketAddress> local) throws IOException {
        return track(ns, call(ns, () -> {
            DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
            try {
                if (local.isPresent()) {
                    channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    channel.bind(local.get());
                }
                return channel;
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        }));
    }

    /** A socket the JDK cannot make ({@link NativeSocket}), in {@code ns}; closed with the others by {@link #close()}. */
    public NativeSocket openNative(String ns, NativeSocket.Kind kind) throws IOException {
        return track(ns, call(ns, () -> NativeSocket.open(kind)));
    }

    /** The namespaces a thread has joined, with their inodes. */
    public synchronized Map<String, Long> joined() {
        Map<String, Long> out = new LinkedHashMap<>();
        workers.forEach((ns, w) -> w.inode().ifPresent(ino -> out.put(ns, ino)));
        return Map.copyOf(out);
    }

    /** The namespace calls made so far (the most recent {@value #HISTORY_LIMIT}), oldest first. */
    public List<NetnsCall> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /**
     * Closes every socket made here (TCP ones abortively, so that no closing connection outlives this and keeps a
     * namespace alive), ends every thread after moving it back to the process's namespace, and then checks that no
     * thread of this JVM is in a namespace joined here. Idempotent.
     *
     * @throws NetrigException naming the threads still in a lab namespace, if any
     */
    @Override
    public void close() {
        List<Worker> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = List.copyOf(workers.values());
        }
        channels.keySet().forEach(NamespaceThreads::closeQuietly);
        channels.clear();
        List<String> stuck = new ArrayList<>();
        for (Worker w : all) {
            if (!w.stop(STOP_TIMEOUT)) {
                stuck.add(w.label());
            }
        }
        Set<Long> lab = all.stream().flatMap(w -> w.inode().stream()).collect(Collectors.toSet());
        List<ThreadNamespace> inLab = ThreadNamespace.ofThisProcess().stream().filter(t -> lab.contains(t.inode())).toList();
        if (!inLab.isEmpty() || !stuck.isEmpty()) {
            throw new NetrigException("after closing, threads of this JVM are still in lab namespaces, which keeps those "
                    + "namespaces alive after they are deleted: " + inLab + (stuck.isEmpty() ? "" : "; did not end within "
                    + STOP_TIMEOUT.toSeconds() + " s: " + stuck));
        }
        LOG.debug("namespace threads closed: {} namespaces left", all.size());
    }

    /**
     * Lets go of one namespace before it is deleted while the others stay in use (a lab update removing a namespace):
     * closes every socket made there, moves its thread back to the process's namespace and ends it, and checks that
     * no thread of this JVM is still in it. A later call for the same name starts a new thread. Does nothing for a
     * namespace never joined.
     *
     * @throws NetrigException naming the threads still in the namespace, if any
     */
    public void release(String ns) {
        Worker w;
        synchronized (this) {
            w = workers.remove(ns);
        }
        channels.entrySet().removeIf(e -> {
            if (e.getValue().equals(ns)) {
                closeQuietly(e.getKey());
                return true;
            }
            return false;
        });
        if (w == null) {
            return;
        }
        boolean ended = w.stop(STOP_TIMEOUT);
        Optional<Long> inode = w.inode();
        List<ThreadNamespace> inside = inode.isEmpty() ? List.of()
                : ThreadNamespace.ofThisProcess().stream().filter(t -> t.inode() == inode.get()).toList();
        if (!ended || !inside.isEmpty()) {
            throw new NetrigException("after releasing namespace " + ns + ", threads of this JVM are still in it, which keeps it "
                    + "alive after it is deleted: " + inside + (ended ? "" : "; " + w.label() + " did not end within "
                    + STOP_TIMEOUT.toSeconds() + " s"));
        }
        LOG.debug("namespace thread of {} released", ns);
    }

    private Worker worker(String ns) {
        Worker w;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("namespace threads are closed; cannot work in namespace " + ns);
            }
            w = workers.get(ns);
            if (w == null) {
                w = new Worker(ns, dir.resolve(ns));
                workers.put(ns, w);
                w.thread.start();
            }
        }
        try {
            w.awaitJoined();
            return w;
        } catch (RuntimeException e) {
            synchronized (this) {
                workers.remove(ns, w);
            }
            throw e;
        }
    }

    /**
     * The JDK makes a few descriptors once per process, on the first use of socket channels; one of them is an AF_UNIX
     * socket pair it keeps for good (to close channels that other threads are blocked on). A socket keeps the
     * namespace of the thread that made it alive: made on a namespace thread, that one would hold a lab's namespace
     * for the JVM's whole life after {@code ip netns del}. So the JDK does that work here first, on a thread in the
     * process's namespace, by opening and closing one socket of each kind (unbound: nothing changes on the machine).
     */
    private static void settleJdkSockets() {
        if (ThreadNamespace.inodeOf(THREAD_NS) != ThreadNamespace.ofProcess()) {
            throw new IllegalStateException("NamespaceThreads must first be used from a thread in the process's own network namespace");
        }
        try {
            SocketChannel.open(StandardProtocolFamily.INET).close();
            ServerSocketChannel.open(StandardProtocolFamily.INET).close();
            DatagramChannel.open(StandardProtocolFamily.INET).close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a socket in the process's namespace", e);
        }
    }

    private <C extends Channel> C track(String ns, C channel) {
        if (channels.size() >= PRUNE_AT) {
            channels.keySet().removeIf(c -> !c.isOpen());
        }
        channels.put(channel, ns);
        boolean late;
        synchronized (this) {
            late = closed;
        }
        if (late) {
            // close() ran while the task was running: it must not leave this socket open in the namespace
            closeQuietly(channel);
            throw new IllegalStateException("namespace threads were closed while a socket was being made");
        }
        return channel;
    }

    /**
     * Closes a TCP socket with a RST (SO_LINGER 0): no FIN_WAIT or TIME_WAIT socket outlives the close, so none keeps
     * a deleted namespace alive, and a probe's connection is over before its counters are read.
     */
    public static void reset(SocketChannel channel) {
        try {
            if (channel.isOpen()) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        } catch (IOException e) {
            // not connected, or reset already: a plain close sends nothing more
            LOG.trace("SO_LINGER on {}: {}", channel, e.getMessage());
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.trace("closing {}: {}", channel, e.getMessage());
        }
    }

    /** Closes a socket made here (a TCP one with {@link #reset}); a failure to close is only logged. */
    public static void closeQuietly(NetworkChannel channel) {
        closeQuietly((Channel) channel);
    }

    private static void closeQuietly(Channel channel) {
        if (channel instanceof SocketChannel tcp) {
            reset(tcp);
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed: {}", channel, e.getMessage());
        }
    }

    private void record(NetnsCall call) {
        synchronized (history) {
            if (history.size() == HISTORY_LIMIT) {
                history.removeFirst();
            }
            history.addLast(call);
        }
        // a failed call is thrown to the caller with all of this; the log only keeps the trail
        LOG.debug("{}", call);
    }

    /** The thread of one namespace: joins it, runs tasks one after the other, returns home and ends when stopped. */
    private final class Worker {
        private final Runnable stopSignal = () -> { };
        private final String ns;
        private final Path path;
        private final Thread thread;
        private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
        private final CompletableFuture<Long> joined = new CompletableFuture<>();
        private boolean accepting = true;
        private volatile String label;

        Worker(String ns, Path path) {
            this.ns = ns;
            this.path = path;
            this.thread = Thread.ofPlatform().name("netns-" + ns).daemon(true).unstarted(this::live);
            this.label = thread.getName();
        }

        String label() {
            return label;
        }

        Optional<Long> inode() {
            return joined.isDone() && !joined.isCompletedExceptionally() ? Optional.of(joined.join()) : Optional.empty();
        }

        void awaitJoined() {
            try {
                joined.get(JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new NetrigException(e.getCause().toString(), e.getCause());
            } catch (TimeoutException e) {
                throw new NetrigException("thread " + label + " did not join namespace " + ns + " within " + JOIN_TIMEOUT.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetrigException("interrupted while thread " + label + " joined namespace " + ns, e);
            }
        }

        <T> T run(Task<T> task) throws IOException {
            FutureTask<T> f = new FutureTask<>(task::run);
            synchronized (this) {
                if (!accepting) {
                    throw new IllegalStateException("the thread of namespace " + ns + " has been stopped");
                }
                tasks.add(f);
            }
            try {
                return f.get(TASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new NetrigException("task in namespace " + ns + " failed: " + cause, cause);
            } catch (CancellationException e) {
                throw new IllegalStateException("the thread of namespace " + ns + " ended before the task ran", e);
            } catch (TimeoutException e) {
                f.cancel(true);
                throw new NetrigException("task in namespace " + ns + " on thread " + label + " did not finish within "
                        + TASK_TIMEOUT.toSeconds() + " s");
            } catch (InterruptedException e) {
                f.cancel(true);
                Thread.currentThread().interrupt();
                throw new NetrigException("interrupted while waiting for a task in namespace " + ns, e);
            }
        }

        /** Lets the tasks already given run, then ends the thread; returns whether it ended in time. */
        boolean stop(Duration timeout) {
            synchronized (this) {
                accepting = false;
                tasks.add(stopSignal);
            }
            try {
                return thread.join(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !thread.isAlive();
            }
        }

        private void live() {
            label = thread.getName() + " (tid " + Libc.gettid() + ")";
            String homeFile = THREAD_NS + " (the process's namespace)";
            Libc.Result home = timed("open(" + homeFile + ", O_RDONLY|O_CLOEXEC)", () -> Libc.open(THREAD_NS.toString(), Libc.O_RDONLY | Libc.O_CLOEXEC));
            if (home.failed()) {
                joined.completeExceptionally(failure("open(" + homeFile + ", O_RDONLY|O_CLOEXEC)", home));
                return;
            }
            try {
                long homeInode = ThreadNamespace.inodeOf(THREAD_NS);
                try {
                    joined.complete(enter());
                    serve();
                } finally {
                    leave(home.value(), homeInode);
                }
            } catch (RuntimeException | Error e) {
                if (!joined.completeExceptionally(e)) {
                    LOG.error("thread {} of namespace {} failed", label, ns, e);
                }
            } finally {
                timed("close(" + home.value() + ")", () -> Libc.close(home.value()));
                cancelQueued();
            }
        }

        /** Joins the namespace and proves it; returns the namespace's inode. */
        private long enter() {
            String file = path.toString();
            String open = "open(" + file + ", O_RDONLY|O_CLOEXEC)";
            Libc.Result fd = timed(open, () -> Libc.open(file, Libc.O_RDONLY | Libc.O_CLOEXEC));
            if (fd.failed()) {
                throw failure(open, fd);
            }
            try {
                String setns = "setns(" + fd.value() + " = " + file + ", CLONE_NEWNET)";
                Libc.Result r = timed(setns, () -> Libc.setns(fd.value(), Libc.CLONE_NEWNET));
                if (r.failed()) {
                    throw failure(setns, r);
                }
            } finally {
                timed("close(" + fd.value() + ")", () -> Libc.close(fd.value()));
            }
            try {
                long want = ThreadNamespace.inodeOf(path);
                long now = ThreadNamespace.inodeOf(THREAD_NS);
                if (want != now) {
                    throw new NetrigException("thread " + label + " is in net:[" + now + "] after setns, but " + file + " is net:["
                            + want + "]; it runs no task there");
                }
                return now;
            } catch (UncheckedIOException e) {
                throw new NetrigException("thread " + label + " cannot check which namespace it joined: " + e.getMessage(), e);
            }
        }

        private void serve() {
            while (true) {
                Runnable task;
                try {
                    task = tasks.take();
                } catch (InterruptedException e) {
                    return;
                }
                if (task == stopSignal) {
                    return;
                }
                task.run();
            }
        }

        /** Back to the process's namespace before the thread ends, so that not even a dying thread holds the lab's. */
        private void leave(int homeFd, long homeInode) {
            Libc.Result r = timed("setns(" + homeFd + " = " + THREAD_NS + " at start, CLONE_NEWNET)", () -> Libc.setns(homeFd, Libc.CLONE_NEWNET));
            if (r.failed() || ThreadNamespace.inodeOf(THREAD_NS) != homeInode) {
                // the thread ends right after this; once it has, the kernel drops its hold on the namespace
                LOG.warn("thread {} could not return to net:[{}] before ending", label, homeInode);
            }
        }

        private void cancelQueued() {
            synchronized (this) {
                accepting = false;
            }
            for (Runnable r; (r = tasks.poll()) != null; ) {
                if (r instanceof FutureTask<?> f) {
                    f.cancel(false);
                }
            }
        }

        private Libc.Result timed(String text, Supplier<Libc.Result> syscall) {
            long t0 = System.nanoTime();
            Libc.Result r = syscall.get();
            record(new NetnsCall(ns, label, text, r.value(), r.errno(), Duration.ofNanos(System.nanoTime() - t0)));
            return r;
        }

        private SyscallFailedException failure(String text, Libc.Result r) {
            return new SyscallFailedException(new NetnsCall(ns, label, text, r.value(), r.errno(), Duration.ZERO));
        }
    }
}
