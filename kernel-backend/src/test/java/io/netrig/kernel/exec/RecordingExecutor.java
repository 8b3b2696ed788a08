package io.netrig.kernel.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A fake executor for tests without root: records commands and answers them with a scripted function. */
public final class RecordingExecutor implements CommandExecutor {
    private final List<Command> commands = new ArrayList<>();
    private final Function<Command, CommandResult> answer;

    public RecordingExecutor(Function<Command, CommandResult> answer) {
        this.answer = answer;
    }

    public static CommandResult ok(Command c, String stdout) {
        return new CommandResult(c, 0, stdout, "", Duration.ZERO);
    }

    public static CommandResult failed(Command c, String stderr) {
        return new CommandResult(c, 1, "", stderr, Duration.ZERO);
    }

    @Override
    public synchronized CommandResult result(Command command) {
        commands.add(command);
        return answer.apply(command);
    }

    @Override
    public RunningProcess spawn(Command command) {
        throw new UnsupportedOperationException("the recording executor starts no processes");
    }

    public synchronized List<Command> commands() {
        return List.copyOf(commands);
    }
}
