package io.netrig.scenarios.steps;

import com.sun.security.auth.module.UnixSystem;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this run may use the kernel backend: it needs root and the ip tool. */
final class KernelAccess {
    private KernelAccess() {
    }

    static boolean available() {
        return whyNot().isEmpty();
    }

    static String whyNot() {
        if (new UnixSystem().getUid() != 0) {
            return "not running as root (uid " + new UnixSystem().getUid() + "); run the tests as root to include kernel runs";
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip")) && !Files.isExecutable(Path.of("/usr/bin/ip"))) {
            return "iproute2's ip command is not installed";
        }
        return "";
    }
}
