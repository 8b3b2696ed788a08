package io.netrig.kernel.service;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of one service. They are virtual: they only read and write sockets that already exist, and a socket
 * stays in the namespace it was made in whichever thread uses it, so none of them ever joins a namespace.
 */
final class ServiceThreads {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceThreads.class);
    private static final int STOP_SECONDS = 5;

    private final String owner;
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();

    ServiceThreads(String owner) {
        this.owner = owner;
    }

    void start(String name, Runnable body) {
        Thread t = Thread.ofVirtual().name(name).unstarted(() -> {
            try {
                body.run();
            } finally {
                running.remove(Thread.currentThread());
            }
        });
        running.add(t);
        t.start();
    }

    /**
     * Waits up to {@value #STOP_SECONDS} s for every thread to end, once the service's sockets are closed; logs those
     * that did not.
     */
    void awaitEnd() {
        long deadline = System.nanoTime() + Duration.ofSeconds(STOP_SECONDS).toNanos();
        for (Thread t : List.copyOf(running)) {
            try {
                t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<String> left = running.stream().map(Thread::getName).sorted().toList();
        if (!left.isEmpty()) {
            LOG.warn("{}: threads still running {} s after the service was closed: {}", owner, STOP_SECONDS, left);
        }
    }
}
