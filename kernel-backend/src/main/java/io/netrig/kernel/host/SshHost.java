package io.netrig.kernel.host;

import io.netrig.kernel.agent.AgentProtocol.CaptureStarted;
import io.netrig.kernel.agent.AgentProtocol.CaptureStopped;
import io.netrig.kernel.agent.AgentProtocol.Clean;
import io.netrig.kernel.agent.AgentProtocol.Cleaned;
import io.netrig.kernel.agent.AgentProtocol.Close;
import io.netrig.kernel.agent.AgentProtocol.Counters;
import io.netrig.kernel.agent.AgentProtocol.Done;
import io.netrig.kernel.agent.AgentProtocol.Probed;
import io.netrig.kernel.agent.AgentProtocol.ReadCounters;
import io.netrig.kernel.agent.AgentProtocol.RunProbe;
import io.netrig.kernel.agent.AgentProtocol.Start;
import io.netrig.kernel.agent.AgentProtocol.StartCapture;
import io.netrig.kernel.agent.AgentProtocol.Started;
import io.netrig.kernel.agent.AgentProtocol.StopCapture;
import io.netrig.kernel.agent.AgentProtocol.Update;
import io.netrig.kernel.exec.AgentCommand;
import io.netrig.kernel.exec.SshConnection;
import io.netrig.model.NetrigException;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Probe;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A machine reached over SSH. Each part of a lab runs in an agent of its own ({@code java -cp <cached jars>
 * io.netrig.kernel.agent.AgentMain}, as root, through {@code sudo -n} for another user), started on an exec channel
 * of the machine's one SSH connection, which builds the part with the same batches a local lab uses. The agent
 * removes its part when told to, when its input ends (this JVM or the connection went away), and when it is
 * terminated.
 */
public final class SshHost implements HostExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(SshHost.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(120);
    /** A probe waits at most its own timeout (ping: count × timeout) plus this. */
    private static final Duration PROBE_SLACK = Duration.ofSeconds(30);

    private final Machine machine;
    private final SshConnection ssh;
    private volatile List<String> classpath;

    private SshHost(Machine machine, SshConnection ssh) {
        this.machine = machine;
        this.ssh = ssh;
    }

    public static SshHost connect(Machine machine) {
        return new SshHost(machine, SshConnection.open(machine.ssh(), CONNECT_TIMEOUT));
    }

    public Machine machine() {
        return machine;
    }

    @Override
    public String name() {
        return machine.name();
    }

    /** The folder captures are written to on the machine. */
    public String workDir() {
        return machine.dir() + "/work";
    }

    @Override
    public Running start(Topology part, String prefix, String workDir) {
        AgentClient agent = agent();
        try {
            Started started = agent.call(new Start(part, prefix, workDir), Started.class, START_TIMEOUT);
            LOG.info("machine '{}' ({}): part of lab '{}' started as {} in {} ms: {}", machine.name(), machine.ssh(), part.name(),
                    started.labId(), started.millis(), started.namespaces());
            return new Running(this, agent, started.labId());
        } catch (RuntimeException e) {
            agent.close();
            throw e;
        }
    }

    @Override
    public List<String> clean(String prefix) {
        try (AgentClient agent = agent()) {
            return agent.call(new Clean(prefix), Cleaned.class, CALL_TIMEOUT).removed();
        }
    }

    private AgentClient agent() {
        if (classpath == null) {
            classpath = AgentJars.ship(ssh, machine.dir());
        }
        return new AgentClient(machine.name(), ssh.start(AgentCommand.of(machine.java(), classpath, machine.needsSudo())));
    }

    @Override
    public void close() {
        ssh.close();
    }

    /** A part running in an agent on the machine. */
    public static final class Running implements MachineLab {
        private final SshHost host;
        private final AgentClient agent;
        private final String labId;

        Running(SshHost host, AgentClient agent, String labId) {
            this.host = host;
            this.agent = agent;
            this.labId = labId;
        }

        @Override
        public String machine() {
            return host.name();
        }

        @Override
        public String labId() {
            return labId;
        }

        @Override
        public Observation probeUnattributed(Probe probe) {
            Duration own = switch (probe) {
                case Probe.Ping p -> p.timeout().multipliedBy(p.count()).plusSeconds(p.count());
                case Probe.Tcp t -> t.timeout();
                case Probe.Udp u -> u.timeout();
                case Probe.Lookup l -> l.timeout();
            };
            return agent.call(new RunProbe(probe), Probed.class, own.plus(PROBE_SLACK)).observation();
        }

        @Override
        public Map<String, String> counterTexts() {
            return agent.call(new ReadCounters(), Counters.class, CALL_TIMEOUT).saveText();
        }

        @Override
        public int startCapture(LinkRef where, CaptureFilter filter) {
            return agent.call(new StartCapture(where, filter), CaptureStarted.class, CALL_TIMEOUT).capture();
        }

        @Override
        public Path stopCapture(int capture, Path local) {
            String remote = agent.call(new StopCapture(capture), CaptureStopped.class, CALL_TIMEOUT).file();
            host.ssh.download(remote, local);
            return local;
        }

        @Override
        public void update(Topology nextPart) {
            agent.call(new Update(nextPart), Done.class, START_TIMEOUT);
        }

        /** Asks the agent to remove the part, then ends it; if the agent cannot be asked, the end of its input still removes it. */
        @Override
        public void close() {
            try {
                agent.call(new Close(), Done.class, CALL_TIMEOUT);
            } catch (NetrigException e) {
                LOG.warn("machine '{}': closing lab {} through the agent failed ({}); ending the agent, which removes it too",
                        host.name(), labId, e.getMessage());
                agent.close();
                throw e;
            }
            agent.close();
        }
    }
}
