package io.netrig.kernel.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * Starts netrig's agent on a remote machine: {@code [sudo -n] JAVA --enable-native-access=ALL-UNNAMED ... -cp CP
 * io.netrig.kernel.agent.AgentMain}. Small heap, serial GC, C1 only: it starts in well under a second, and what it does
 * is wait for the kernel.
 */
public final class AgentCommand {
    public static final String MAIN_CLASS = "io.netrig.kernel.agent.AgentMain";

    private AgentCommand() {
    }

    public static Command of(String java, List<String> classpath, boolean sudo) {
        List<String> argv = new ArrayList<>();
        if (sudo) {
            argv.addAll(List.of("sudo", "-n"));
        }
        argv.addAll(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-Xshare:auto", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp", String.join(":", classpath), MAIN_CLASS));
        return Command.of(argv);
    }
}
