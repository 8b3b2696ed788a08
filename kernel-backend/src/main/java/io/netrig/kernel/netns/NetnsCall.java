package io.netrig.kernel.netns;

import java.time.Duration;
import java.util.Objects;

/**
 * One entry of {@link NamespaceThreads#history()}: a system call made to enter or leave a namespace (or the check that
 * followed it), with its result and errno (0 when it succeeded).
 */
public record NetnsCall(String namespace, String thread, String call, int result, int errno, Duration duration) {
    public NetnsCall {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(duration, "duration");
    }

    public boolean failed() {
        return errno != 0;
    }

    @Override
    public String toString() {
        return call + " for " + namespace + " on " + thread + " -> " + result + (failed() ? " (errno " + Errno.describe(errno) + ")" : "");
    }
}
