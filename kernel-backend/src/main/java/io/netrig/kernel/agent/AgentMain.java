package io.netrig.kernel.agent;

import io.netrig.kernel.KernelBackend;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The agent's entry point, started over SSH on a remote machine as root: {@code java -cp JARS
 * io.netrig.kernel.agent.AgentMain}. Standard output carries the protocol only (anything else a library prints goes to
 * standard error, with the log).
 */
public final class AgentMain {
    private AgentMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Agent agent = new Agent(protocol, new KernelBackend());
        // a TERM or HUP (sshd ending the session) still removes the lab
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "agent-shutdown"));
        agent.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        System.exit(0);
    }
}
