package io.netrig.kernel.netns;

import io.netrig.model.NetrigException;

/**
 * A system call the backend made itself failed: which call with which arguments, for which lab namespace, on which
 * thread, and the errno (the counterpart of {@link io.netrig.kernel.exec.CommandFailedException} for work done inside
 * the JVM rather than by a process).
 */
public class SyscallFailedException extends NetrigException {
    private final String call;
    private final String namespace;
    private final String thread;
    private final int errno;

    public SyscallFailedException(NetnsCall failed) {
        super("'" + failed.call() + "' for namespace " + failed.namespace() + " on thread " + failed.thread()
                + " failed with errno " + Errno.describe(failed.errno()));
        this.call = failed.call();
        this.namespace = failed.namespace();
        this.thread = failed.thread();
        this.errno = failed.errno();
    }

    public String call() {
        return call;
    }

    public String namespace() {
        return namespace;
    }

    /** The Java thread name and kernel thread id, e.g. {@code netns-nr3fa2-c1 (tid 4242)}. */
    public String thread() {
        return thread;
    }

    public int errno() {
        return errno;
    }
}
