package io.netrig.kernel.service;

import io.netrig.kernel.netns.NamespaceThreads;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open TCP connections of one service, at most {@code limit} at a time (LAB-SAFETY 6: a proxy that points at
 * itself, or a flood of probes, must not grow without bound). A connection over the limit is reset at once.
 */
final class Connections {
    private static final Logger LOG = LoggerFactory.getLogger(Connections.class);

    private final int limit;
    private final Set<SocketChannel> admitted = new HashSet<>();
    private final Set<SocketChannel> attached = new HashSet<>();
    private boolean closed;

    Connections(int limit) {
        this.limit = limit;
    }

    /** Takes the connection in, or resets it when the service is full or closed; returns whether it was taken. */
    boolean admit(SocketChannel c) {
        synchronized (this) {
            if (!closed && admitted.size() < limit) {
                admitted.add(c);
                return true;
            }
        }
        LOG.debug("resetting connection {}: {} open already, or closing", c, limit);
        abort(c);
        return false;
    }

    /** Adds a socket that belongs to an admitted connection (a proxy's upstream side); false when closing. */
    synchronized boolean attach(SocketChannel c) {
        if (closed) {
            return false;
        }
        attached.add(c);
        return true;
    }

    /** Closes a connection gracefully (FIN) when its service is done with it. */
    void finish(SocketChannel c) {
        synchronized (this) {
            admitted.remove(c);
            attached.remove(c);
        }
        try {
            c.close();
        } catch (IOException e) {
            LOG.trace("closing {}: {}", c, e.getMessage());
        }
    }

    /** Resets every open connection; later ones are reset on arrival. */
    void abortAll() {
        List<SocketChannel> all;
        synchronized (this) {
            closed = true;
            List<SocketChannel> both = new ArrayList<>(admitted);
            both.addAll(attached);
            all = List.copyOf(both);
            admitted.clear();
            attached.clear();
        }
        all.forEach(Connections::abort);
    }

    static void abort(SocketChannel c) {
        NamespaceThreads.reset(c);
    }
}
