package io.netrig.kernel.exec;

/** Traffic control commands of a namespace. */
public final class Tc {
    private Tc() {
    }

    /** A netem qdisc with a small delay on {@code dev}; used to learn whether the kernel has netem. */
    public static Command netemDelay(String ns, String dev, int millis) {
        return NetnsExec.of(ns, "tc", "qdisc", "add", "dev", dev, "root", "netem", "delay", millis + "ms").toCommand();
    }
}
