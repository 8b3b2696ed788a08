package io.netrig.kernel.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteShellTest {
    @Test
    void quotesEveryArgumentSoTheRemoteShellExpandsNothing() {
        assertEquals("'ls' '-1' 'a b' '$HOME' 'it'\\''s' '*'", RemoteShell.commandLine(List.of("ls", "-1", "a b", "$HOME", "it's", "*")));
    }

    @Test
    void theAgentRunsWithSudoForAUserOtherThanRoot() {
        Command c = AgentCommand.of("java", List.of("lib/a.jar", "lib/b.jar"), true);
        assertEquals(List.of("sudo", "-n", "java"), c.argv().subList(0, 3));
        assertEquals(List.of("-cp", "lib/a.jar:lib/b.jar", AgentCommand.MAIN_CLASS), c.argv().subList(c.argv().size() - 3, c.argv().size()));
    }
}
