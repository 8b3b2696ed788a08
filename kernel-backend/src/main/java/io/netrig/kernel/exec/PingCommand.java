package io.netrig.kernel.exec;

import io.netrig.model.net.Ipv4Address;
import java.time.Duration;

/** {@code ip netns exec NS ping -n -c COUNT -W SECONDS ADDR}: bounded in packets and time (LAB-SAFETY 6). */
public final class PingCommand {
    private PingCommand() {
    }

    public static Command of(String ns, Ipv4Address to, int count, Duration timeout) {
        long seconds = wholeSeconds(timeout);
        return NetnsExec.of(ns, "ping", "-n", "-c", Integer.toString(count), "-W", Long.toString(seconds), to.toString())
                .toCommand()
                // ping sends one request a second; allow for that plus the last wait and process start-up
                .withTimeout(Duration.ofSeconds(count + seconds + 10));
    }

    /** ping's -W takes whole seconds; round up so that a 1.5 s timeout is never shortened to 1 s. */
    static long wholeSeconds(Duration timeout) {
        long s = timeout.toSeconds();
        return timeout.equals(Duration.ofSeconds(s)) ? Math.max(1, s) : s + 1;
    }
}
