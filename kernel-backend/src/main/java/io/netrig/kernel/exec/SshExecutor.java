package io.netrig.kernel.exec;

/**
 * Runs commands on a remote machine over one SSH connection: the same typed {@link Command}s as the local
 * {@link ProcessExecutor} runs, their argv quoted for the remote shell ({@link RemoteShell}).
 */
public final class SshExecutor implements CommandExecutor {
    private final SshConnection connection;

    public SshExecutor(SshConnection connection) {
        this.connection = connection;
    }

    @Override
    public CommandResult result(Command command) {
        return connection.result(command);
    }

    @Override
    public RunningProcess spawn(Command command) {
        return new RunningProcess(command, connection.start(command));
    }
}
