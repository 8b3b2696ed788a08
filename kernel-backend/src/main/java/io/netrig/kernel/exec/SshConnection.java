package io.netrig.kernel.exec;

import io.netrig.kernel.netns.NamespaceThreads;
import io.netrig.model.NetrigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.common.util.threads.SshThreadPoolExecutor;
import org.apache.sshd.common.util.threads.ThreadUtils;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.scp.client.ScpClient;
import org.apache.sshd.scp.client.ScpClientCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated SSH session to a machine (Apache MINA SSHD). The server's host key must be listed for the
 * machine's address in the endpoint's known_hosts file; an unknown or changed key ends the connection (there is no
 * accept-anything mode). The client authenticates with the endpoint's private key only: the user's own keys, agent and
 * {@code ~/.ssh/config} are not consulted, so a run does what its host map says and nothing else.
 */
public final class SshConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SshConnection.class);

    /** I/O threads of one connection: few, since a connection carries a handful of channels. */
    private static final int IO_THREADS = 3;
    private static final Object FROM_NAMESPACE = new Object();

    private final SshEndpoint endpoint;
    private final SshClient client;
    private final ClientSession session;
    private final ExecutorService io;

    private SshConnection(SshEndpoint endpoint, SshClient client, ClientSession session, ExecutorService io) {
        this.endpoint = endpoint;
        this.client = client;
        this.session = session;
        this.io = io;
    }

    /** Connects, checks the host key and logs in, all within {@code timeout}. */
    public static SshConnection open(SshEndpoint endpoint, Duration timeout) {
        if (!Files.isRegularFile(endpoint.knownHosts())) {
            throw new NetrigException("cannot connect to " + endpoint + ": its known_hosts file " + endpoint.knownHosts() + " does not exist");
        }
        KeyPair key = loadKey(endpoint);
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, endpoint.knownHosts()));
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        // every thread the client will use exists before it connects: a thread starts in the network namespace of the
        // thread that makes it, and the connection may be made from a lab namespace (fromNamespace)
        ThreadFactory daemons = Thread.ofPlatform().name("ssh-" + endpoint.address() + "-", 0).daemon(true).factory();
        SshThreadPoolExecutor io = new SshThreadPoolExecutor(IO_THREADS, IO_THREADS, 0L, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), daemons);
        io.prestartAllCoreThreads();
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, daemons);
        timers.prestartAllCoreThreads();
        client.setIoServiceFactoryFactory(new Nio2ServiceFactoryFactory(() -> ThreadUtils.noClose(io)));
        client.setScheduledExecutorService(timers, true);
        client.start();
        ClientSession session = null;
        try {
            ConnectFuture connecting = connect(client, endpoint);
            session = connecting.verify(timeout).getClientSession();
            session.addPublicKeyIdentity(key);
            session.auth().verify(timeout);
            LOG.debug("logged in to {} (host key checked against {})", endpoint, endpoint.knownHosts());
            return new SshConnection(endpoint, client, session, io);
        } catch (IOException | RuntimeException e) {
            closeQuietly(session, client);
            io.shutdownNow();
            throw new NetrigException("cannot log in to " + endpoint + " with key " + endpoint.key() + ", host key checked against "
                    + endpoint.knownHosts() + ": " + rootMessage(e), e);
        }
    }

    /**
     * Starts the TCP connection; from {@link SshEndpoint#fromNamespace()} when given: the socket is made by a thread that
     * has joined that namespace (and belongs to it for its life), all its I/O then runs on the client's own threads.
     */
    private static ConnectFuture connect(SshClient client, SshEndpoint endpoint) throws IOException {
        if (endpoint.fromNamespace().isEmpty()) {
            return client.connect(endpoint.user(), endpoint.address(), endpoint.port());
        }
        // one at a time: closing checks that no thread of the JVM is left in the namespace, so another connection's
        // thread there must have left it too
        synchronized (FROM_NAMESPACE) {
            try (NamespaceThreads threads = new NamespaceThreads()) {
                return threads.call(endpoint.fromNamespace().get(), () -> client.connect(endpoint.user(), endpoint.address(), endpoint.port()));
            }
        }
    }

    private static KeyPair loadKey(SshEndpoint endpoint) {
        try (InputStream in = Files.newInputStream(endpoint.key())) {
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(endpoint.key().toString()), in,
                    FilePasswordProvider.EMPTY);
            if (keys == null || !keys.iterator().hasNext()) {
                throw new NetrigException("the key file " + endpoint.key() + " for " + endpoint + " holds no private key");
            }
            return keys.iterator().next();
        } catch (IOException | GeneralSecurityException e) {
            throw new NetrigException("cannot read the private key " + endpoint.key() + " for " + endpoint + " (an OpenSSH or PEM key"
                    + " without passphrase is expected): " + rootMessage(e), e);
        }
    }

    public SshEndpoint endpoint() {
        return endpoint;
    }

    /** Runs a command there and returns its result whatever the exit code. */
    public CommandResult result(Command command) {
        long start = System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel(RemoteShell.commandLine(command.argv()))) {
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(command.timeout());
            // standard input written at once and closed: the remote program reads it, then its end
            try (var in = channel.getInvertedIn()) {
                if (command.stdin().isPresent()) {
                    in.write(command.stdin().get().getBytes(StandardCharsets.UTF_8));
                }
            }
            Set<ClientChannelEvent> seen = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), command.timeout());
            if (!seen.contains(ClientChannelEvent.CLOSED)) {
                throw new CommandFailedException(command, -1, "timed out after " + command.timeout() + " on " + endpoint);
            }
            Integer status = channel.getExitStatus();
            CommandResult r = new CommandResult(command, status == null ? -1 : status, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - start));
            LOG.debug("ran on {} ({} ms, exit {}): {}", endpoint, r.duration().toMillis(), r.exitCode(), command.argv());
            return r;
        } catch (IOException e) {
            throw new CommandFailedException(command, -1, "could not run on " + endpoint + ": " + rootMessage(e));
        }
    }

    /** Starts a long-running program there, with its three streams open to this side. */
    public SshProcess start(Command command) {
        try {
            ChannelExec channel = session.createExecChannel(RemoteShell.commandLine(command.argv()));
            channel.open().verify(command.timeout());
            LOG.debug("started on {}: {}", endpoint, command.argv());
            return new SshProcess(channel, endpoint.toString());
        } catch (IOException e) {
            throw new CommandFailedException(command, -1, "could not start on " + endpoint + ": " + rootMessage(e));
        }
    }

    /** Copies local files (symbolic links are followed) into a folder there, in one scp. */
    public void upload(List<Path> local, String remoteDir) {
        long start = System.nanoTime();
        try {
            scp().upload(local.toArray(Path[]::new), remoteDir);
            LOG.debug("copied {} files to {}:{} in {} ms", local.size(), endpoint, remoteDir, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new NetrigException("could not copy " + local + " to " + endpoint + ":" + remoteDir + ": " + rootMessage(e), e);
        }
    }

    /** Copies a file from there (scp). */
    public void download(String remote, Path local) {
        try {
            scp().download(remote, local);
        } catch (IOException e) {
            throw new NetrigException("could not copy " + endpoint + ":" + remote + " to " + local + ": " + rootMessage(e), e);
        }
    }

    private ScpClient scp() {
        return ScpClientCreator.instance().createScpClient(session);
    }

    @Override
    public void close() {
        closeQuietly(session, client);
        io.shutdownNow();
    }

    private static void closeQuietly(ClientSession session, SshClient client) {
        try {
            if (session != null) {
                session.close(false).await(Duration.ofSeconds(5));
            }
        } catch (IOException e) {
            LOG.debug("closing an SSH session: {}", e.getMessage());
        }
        client.stop();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t + ")";
    }
}
