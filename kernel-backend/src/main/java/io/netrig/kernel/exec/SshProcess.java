package io.netrig.kernel.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;

/**
 * A program running on a remote machine, seen as a {@link Process}: its streams are those of the SSH exec channel, and
 * ending it closes the channel (the remote program reads the end of its input; OpenSSH also hangs the session up).
 */
public final class SshProcess extends Process {
    private final ChannelExec channel;
    private final String where;

    SshProcess(ChannelExec channel, String where) {
        this.channel = channel;
        this.where = where;
    }

    /** The machine it runs on, for messages. */
    public String where() {
        return where;
    }

    @Override
    public OutputStream getOutputStream() {
        return channel.getInvertedIn();
    }

    @Override
    public InputStream getInputStream() {
        return channel.getInvertedOut();
    }

    @Override
    public InputStream getErrorStream() {
        return channel.getInvertedErr();
    }

    @Override
    public int waitFor() throws InterruptedException {
        channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED, ClientChannelEvent.EXIT_STATUS), 0L);
        return exitValue();
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        Set<ClientChannelEvent> seen = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED, ClientChannelEvent.EXIT_STATUS),
                Math.max(1, unit.toMillis(timeout)));
        return seen.contains(ClientChannelEvent.CLOSED) || seen.contains(ClientChannelEvent.EXIT_STATUS);
    }

    @Override
    public int exitValue() {
        Integer status = channel.getExitStatus();
        if (status != null) {
            return status;
        }
        if (channel.isClosed()) {
            return -1;   // the channel closed without an exit status (the connection dropped, or a signal ended it)
        }
        throw new IllegalThreadStateException("the remote program on " + where + " is still running");
    }

    @Override
    public void destroy() {
        try {
            channel.getInvertedIn().close();
        } catch (IOException e) {
            // the channel is being closed anyway
        }
        channel.close(false).awaitUninterruptibly(Duration.ofSeconds(5));
    }

    @Override
    public boolean isAlive() {
        return !channel.isClosed() && channel.getExitStatus() == null;
    }

    @Override
    public long pid() {
        throw new UnsupportedOperationException("a program started over SSH has no pid on this machine");
    }
}
