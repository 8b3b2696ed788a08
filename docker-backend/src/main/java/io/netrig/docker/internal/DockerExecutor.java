package io.netrig.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Link;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Ports;
import io.netrig.docker.internal.DockerPlan.ContainerRequest;
import io.netrig.docker.internal.DockerPlan.EndpointRequest;
import io.netrig.docker.internal.DockerPlan.NetworkRequest;
import io.netrig.model.NetrigException;
import io.netrig.model.firewall.IpProtocol;
import io.netrig.model.spec.ListenSpec;
import io.netrig.model.spec.PortSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * The only code of the docker backend that talks to the Docker Engine (through Testcontainers' docker-java client)
 * or starts a process on the machine. Everything it is asked for is a typed request ({@link DockerPlan} records,
 * {@link MachineCommand}); failures become {@link NetrigException}s that say what was asked and what the engine or
 * the program answered.
 */
public final class DockerExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(DockerExecutor.class);
    private static final Duration PROCESS_LIMIT = Duration.ofSeconds(60);

    /** Reads processes' output while they run (a pipe that fills up would block them). */
    private static final ExecutorService READERS = Executors.newVirtualThreadPerTaskExecutor();

    private final DockerClient docker;

    private DockerExecutor(DockerClient docker) {
        this.docker = docker;
    }

    /** Connects to the engine Testcontainers finds (DOCKER_HOST, the local socket, …), or says why it cannot. */
    public static DockerExecutor connect() {
        Optional<String> why = engineUnavailable();
        if (why.isPresent()) {
            throw new NetrigException(why.get());
        }
        return new DockerExecutor(DockerClientFactory.instance().client());
    }

    /** Why no Docker Engine can be used here, or empty when one can. */
    public static Optional<String> engineUnavailable() {
        try {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return Optional.empty();
            }
            return Optional.of("no Docker Engine is reachable (Testcontainers found none: start dockerd, or set DOCKER_HOST; "
                    + "see docs/docker-backend.md)");
        } catch (RuntimeException e) {
            return Optional.of("no Docker Engine is reachable: " + e.getMessage());
        }
    }

    // ---- networks

    /** {@code docker network create}; returns the network's ID. */
    public String createNetwork(NetworkRequest request, Map<String, String> labels) {
        Network.Ipam.Config config = new Network.Ipam.Config();
        request.subnet().ifPresent(s -> config.withSubnet(s.toString()));
        request.gateway().ifPresent(g -> config.withGateway(g.toString()));
        request.ipRange().ifPresent(r -> config.withIpRange(r.toString()));
        if (!request.auxAddresses().isEmpty()) {
            throw new NetrigException("network '" + request.specName() + "': the docker backend cannot pass aux_addresses through docker-java's API");
        }
        try {
            var cmd = docker.createNetworkCmd().withName(request.name()).withDriver(request.driver().dockerName())
                    .withCheckDuplicate(true).withInternal(request.internal()).withOptions(request.options()).withLabels(labels);
            if (request.subnet().isPresent()) {
                cmd.withIpam(new Network.Ipam().withDriver("default").withConfig(config));
            }
            String id = cmd.exec().getId();
            LOG.debug("network {} ({}) created: {}", request.name(), request.driver().dockerName(), id);
            return id;
        } catch (DockerException e) {
            throw failed("docker network create " + request.name() + " (network '" + request.specName() + "')", e);
        }
    }

    public Network inspectNetwork(String idOrName) {
        try {
            return docker.inspectNetworkCmd().withNetworkId(idOrName).exec();
        } catch (DockerException e) {
            throw failed("docker network inspect " + idOrName, e);
        }
    }

    /** Networks carrying label {@code key=value} (any value when {@code value} is empty). */
    public List<Network> networksLabelled(String key, Optional<String> value) {
        return docker.listNetworksCmd().withFilter("label", List.of(value.map(v -> key + "=" + v).orElse(key))).exec();
    }

    public void removeNetwork(String id) {
        try {
            docker.removeNetworkCmd(id).exec();
        } catch (NotFoundException gone) {
            LOG.debug("network {} already gone", id);
        } catch (DockerException e) {
            throw failed("docker network rm " + id, e);
        }
    }

    // ---- containers

    /**
     * {@code docker create} of a container of the probe image, on its first network (or none, or another's), with
     * its ports, links, exposed ports and listeners; the other networks are connected after it starts, in order.
     */
    public String createContainer(ContainerRequest request, String image, List<String> command, Map<String, String> labels) {
        HostConfig host = HostConfig.newHostConfig()
                .withCapAdd(Capability.NET_ADMIN, Capability.NET_RAW)
                .withDns(DockerPlan.NO_UPSTREAM_DNS)
                .withPortBindings(portBindings(request.ports()))
                .withLinks(request.links().entrySet().stream().map(e -> new Link(e.getKey(), e.getValue())).toList());
        CreateContainerCmd cmd = docker.createContainerCmd(image).withName(request.name()).withLabels(labels).withCmd(command)
                .withExposedPorts(exposed(request));
        switch (request.networking()) {
            case DockerPlan.Networking.Attached(List<EndpointRequest> endpoints) -> {
                EndpointRequest first = endpoints.getFirst();
                host.withNetworkMode(first.network());
                first.ip().ifPresent(ip -> cmd.withIpv4Address(ip.toString()));
                if (!first.aliases().isEmpty()) {
                    cmd.withAliases(first.aliases());
                }
            }
            case DockerPlan.Networking.None() -> host.withNetworkMode("none");
            case DockerPlan.Networking.SharedWith(String other) -> host.withNetworkMode("container:" + other);
        }
        try {
            String id = cmd.withHostConfig(host).exec().getId();
            LOG.debug("container {} created: {}", request.name(), id);
            return id;
        } catch (DockerException e) {
            throw failed("docker create " + request.name() + " (container '" + request.specName() + "')", e);
        }
    }

    public void startContainer(String id, String name) {
        try {
            docker.startContainerCmd(id).exec();
        } catch (DockerException e) {
            throw failed("docker start " + name, e);
        }
    }

    /** {@code docker network connect [--ip] [--alias]} of a created or running container. */
    public void connect(String containerId, String containerName, EndpointRequest endpoint) {
        ContainerNetwork settings = new ContainerNetwork().withAliases(endpoint.aliases());
        endpoint.ip().ifPresent(ip -> settings.withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(ip.toString())));
        try {
            docker.connectToNetworkCmd().withNetworkId(endpoint.network()).withContainerId(containerId).withContainerNetwork(settings).exec();
        } catch (DockerException e) {
            throw failed("docker network connect " + endpoint.network() + " " + containerName, e);
        }
    }

    public InspectContainerResponse inspectContainer(String id) {
        try {
            return docker.inspectContainerCmd(id).exec();
        } catch (DockerException e) {
            throw failed("docker inspect " + id, e);
        }
    }

    /** Containers (running or not) carrying label {@code key=value} (any value when {@code value} is empty). */
    public List<Container> containersLabelled(String key, Optional<String> value) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(value.map(v -> key + "=" + v).orElse(key))).exec();
    }

    /** Every container on the engine, running or not (to tell whether the default bridge is shared). */
    public List<Container> allContainers() {
        return docker.listContainersCmd().withShowAll(true).exec();
    }

    public void removeContainer(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            LOG.debug("container {} already gone", id);
        } catch (DockerException e) {
            throw failed("docker rm -f " + id, e);
        }
    }

    /** {@code docker exec}: runs {@code argv} in a running container and waits at most {@code limit}. */
    public ProcessResult exec(String containerId, List<String> argv, Duration limit) {
        long start = System.nanoTime();
        try {
            String execId = docker.execCreateCmd(containerId).withCmd(argv.toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            var callback = docker.execStartCmd(execId).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    switch (frame.getStreamType()) {
                        case STDERR -> err.writeBytes(frame.getPayload());
                        default -> out.writeBytes(frame.getPayload());
                    }
                }
            });
            if (!callback.awaitCompletion(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new NetrigException("docker exec " + containerId.substring(0, 12) + " " + String.join(" ", argv)
                        + " did not end within " + limit.toSeconds() + " s");
            }
            Long code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
            return new ProcessResult(argv, code == null ? -1 : code.intValue(), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetrigException("interrupted while running docker exec " + String.join(" ", argv), e);
        } catch (DockerException e) {
            throw failed("docker exec " + containerId + " " + String.join(" ", argv), e);
        }
    }

    // ---- images

    public boolean imageExists(String tag) {
        try {
            docker.inspectImageCmd(tag).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * {@code docker import - repository:tag} of a root filesystem tar. Through the docker CLI: docker-java 3.4's
     * {@code createImageCmd} sends the stream so that Docker 20.10 answers "Error processing tar file: unexpected EOF".
     */
    public void importImage(String repository, String tag, byte[] rootfsTar) {
        ProcessResult r = run(MachineCommand.of("docker", "import", "-", repository + ":" + tag), rootfsTar, PROCESS_LIMIT);
        if (!r.ok()) {
            throw new NetrigException("docker import - " + repository + ":" + tag + " failed (exit " + r.exitCode() + "): " + r.output().strip());
        }
    }

    // ---- processes on the machine

    /** Runs a process to its end; a non-zero exit is returned, not thrown (see {@link #check}). */
    public ProcessResult run(MachineCommand command) {
        return run(command, "", PROCESS_LIMIT);
    }

    /** Runs a process with {@code stdin} as its standard input. */
    public ProcessResult run(MachineCommand command, String stdin, Duration limit) {
        return run(command, stdin.getBytes(StandardCharsets.UTF_8), limit);
    }

    private ProcessResult run(MachineCommand command, byte[] stdin, Duration limit) {
        List<String> argv = command.fullArgv();
        long start = System.nanoTime();
        try {
            Process p = new ProcessBuilder(argv).start();
            Future<byte[]> out = READERS.submit(() -> p.getInputStream().readAllBytes());
            Future<byte[]> err = READERS.submit(() -> p.getErrorStream().readAllBytes());
            try (var in = p.getOutputStream()) {
                in.write(stdin);
            }
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new NetrigException(String.join(" ", argv) + " did not end within " + limit.toSeconds() + " s");
            }
            LOG.debug("ran {} -> {}", argv, p.exitValue());
            return new ProcessResult(argv, p.exitValue(), new String(out.get(), StandardCharsets.UTF_8),
                    new String(err.get(), StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException | ExecutionException e) {
            throw new NetrigException("cannot run " + String.join(" ", argv) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetrigException("interrupted while running " + String.join(" ", argv), e);
        }
    }

    /** Runs a process and fails unless it exits 0. */
    public ProcessResult check(MachineCommand command, String stdin) {
        ProcessResult r = run(command, stdin, PROCESS_LIMIT);
        if (!r.ok()) {
            throw new NetrigException(String.join(" ", r.argv()) + " failed (exit " + r.exitCode() + "): " + r.stderr().strip()
                    + (stdin.isEmpty() ? "" : "\n  input was:\n    " + stdin.strip().replace("\n", "\n    ")));
        }
        return r;
    }

    public ProcessResult check(MachineCommand command) {
        return check(command, "");
    }

    /** Starts a long-running process (a lab namespace's listener); the caller ends it by its handle. */
    public Process startBackground(MachineCommand command) {
        try {
            return new ProcessBuilder(command.fullArgv()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new NetrigException("cannot start " + String.join(" ", command.fullArgv()) + ": " + e.getMessage(), e);
        }
    }

    private static Ports portBindings(List<PortSpec> ports) {
        Ports out = new Ports();
        for (PortSpec p : ports) {
            ExposedPort container = new ExposedPort(p.containerPort(), protocol(p.protocol()));
            out.bind(container, new Ports.Binding(p.hostIp().map(Object::toString).orElse(null),
                    p.hostPort().isPresent() ? Integer.toString(p.hostPort().getAsInt()) : null));
        }
        return out;
    }

    private static List<ExposedPort> exposed(ContainerRequest request) {
        List<ExposedPort> out = new ArrayList<>();
        for (ListenSpec l : request.exposed()) {
            out.add(new ExposedPort(l.port(), protocol(l.protocol())));
        }
        for (PortSpec p : request.ports()) {
            ExposedPort e = new ExposedPort(p.containerPort(), protocol(p.protocol()));
            if (!out.contains(e)) {
                out.add(e);
            }
        }
        return out;
    }

    private static InternetProtocol protocol(IpProtocol p) {
        return switch (p) {
            case TCP -> InternetProtocol.TCP;
            case UDP -> InternetProtocol.UDP;
            case ICMP, ESP -> throw new IllegalArgumentException("a published port is tcp or udp, not " + p);
        };
    }

    private static NetrigException failed(String what, DockerException e) {
        return new NetrigException(what + " failed: the engine answered " + e.getHttpStatus() + ": " + e.getMessage().strip(), e);
    }

}
