package io.netrig.kernel.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The labs of this JVM that are still open, closed by a shutdown hook so that Ctrl-C or a failing test run leaves
 * nothing behind. The one piece of static mutable state in the backend: a JVM has exactly one set of shutdown hooks.
 */
public final class OpenLabs {
    private static final Logger LOG = LoggerFactory.getLogger(OpenLabs.class);
    private static final Set<AutoCloseable> OPEN = new LinkedHashSet<>();
    private static boolean hookInstalled;

    private OpenLabs() {
    }

    public static synchronized void register(AutoCloseable lab) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("netrig-kernel-cleanup").unstarted(OpenLabs::closeAll));
            hookInstalled = true;
        }
        OPEN.add(lab);
    }

    public static synchronized void deregister(AutoCloseable lab) {
        OPEN.remove(lab);
    }

    private static void closeAll() {
        List<AutoCloseable> labs;
        synchronized (OpenLabs.class) {
            labs = new ArrayList<>(OPEN);
        }
        for (AutoCloseable lab : labs) {
            try {
                lab.close();
            } catch (Exception e) {
                // at shutdown there is no caller left to throw to; `netrig clean` removes what remains
                LOG.error("could not close {} at shutdown (run `netrig clean`): {}", lab, e.getMessage());
            }
        }
    }
}
