package io.netrig.kernel.host;

import io.netrig.kernel.LabId;
import io.netrig.kernel.exec.Command;
import io.netrig.kernel.exec.CommandExecutor;
import io.netrig.kernel.exec.IpBatch;
import io.netrig.kernel.exec.NetnsExec;
import io.netrig.kernel.exec.RunningProcess;
import io.netrig.model.net.Ipv4Interface;
import io.netrig.model.net.LinkName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two "machines" on this one: network namespaces {@code rh<id>-m1} and {@code rh<id>-m2} joined by a veth underlay
 * ({@code eth1} in each), each running a real {@code sshd -D} (Debian's openssh-server) with a host key made for the
 * test, and a controller namespace {@code rh<id>-ctl} with a management veth to each, from which the SSH connections
 * are made (the machine's own namespace is never connected to them). Writes a host map for them. Everything it made
 * (namespaces, sshd processes ended by their pid, {@code /run/sshd} if it made it) goes on {@link #close()}.
 */
final class SshRehearsal implements AutoCloseable {
    private static final Path PRIVSEP_DIR = Path.of("/run/sshd");
    private static final Duration SSHD_READY = Duration.ofSeconds(20);

    private final CommandExecutor exec;
    private final Path dir;
    private final LabId id;
    private final List<RunningProcess> sshds = new ArrayList<>();
    private boolean madePrivsepDir;
    private final Path hostMap;

    SshRehearsal(CommandExecutor exec, Path dir, Map<String, String> hosts) throws IOException {
        this.exec = exec;
        this.dir = dir;
        this.id = LabId.random("rh", new SecureRandom());
        try {
            network();
            keys();
            if (!Files.isDirectory(PRIVSEP_DIR)) {
                Files.createDirectories(PRIVSEP_DIR);
                madePrivsepDir = true;
            }
            for (int m = 1; m <= 2; m++) {
                sshds.add(sshd(m));
            }
            hostMap = writeHostMap(hosts);
        } catch (RuntimeException | IOException e) {
            close();
            throw e;
        }
    }

    String machineNamespace(int m) {
        return id.namespace("m" + m);
    }

    String controlNamespace() {
        return id.namespace("ctl");
    }

    List<String> namespaces() {
        return List.of(controlNamespace(), machineNamespace(1), machineNamespace(2));
    }

    static String machineAddress(int m) {
        return "10.254." + m + ".2";
    }

    Path hostMap() {
        return hostMap;
    }

    List<Long> sshdPids() {
        return sshds.stream().map(RunningProcess::pid).toList();
    }

    private void network() {
        IpBatch global = IpBatch.global();
        namespaces().forEach(global::netnsAdd);
        for (int m = 1; m <= 2; m++) {
            global.vethAdd(LinkName.of("mgmt" + m), controlNamespace(), LinkName.of("mgmt0"), machineNamespace(m));
        }
        global.vethAdd(LinkName.of("eth1"), machineNamespace(1), LinkName.of("eth1"), machineNamespace(2));
        exec.run(global.toCommand());
        IpBatch ctl = IpBatch.in(controlNamespace()).linkUp(LinkName.of("lo"));
        for (int m = 1; m <= 2; m++) {
            ctl.addrAdd(LinkName.of("mgmt" + m), Ipv4Interface.parse("10.254." + m + ".1/30")).linkUp(LinkName.of("mgmt" + m));
            exec.run(IpBatch.in(machineNamespace(m)).linkUp(LinkName.of("lo"))
                    .addrAdd(LinkName.of("mgmt0"), Ipv4Interface.parse(machineAddress(m) + "/30")).linkUp(LinkName.of("mgmt0"))
                    .linkUp(LinkName.of("eth1")).toCommand());
        }
        exec.run(ctl.toCommand());
    }

    private void keys() {
        for (String name : List.of("host_m1", "host_m2", "client")) {
            exec.run(Command.of(List.of("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-C", "netrig-rehearsal",
                    "-f", dir.resolve(name).toString())));
        }
    }

    private RunningProcess sshd(int m) throws IOException {
        Path config = dir.resolve("sshd_m" + m + ".conf");
        Files.writeString(config, String.join("\n",
                "ListenAddress " + machineAddress(m),
                "Port 22",
                "HostKey " + dir.resolve("host_m" + m),
                "PidFile none",
                "AuthorizedKeysFile " + dir.resolve("client.pub"),
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "LogLevel VERBOSE",
                ""));
        RunningProcess sshd = exec.spawn(NetnsExec.of(machineNamespace(m), "/usr/sbin/sshd", "-D", "-e", "-f", config.toString()).toCommand());
        sshd.awaitStderr(line -> line.contains("Server listening on"), SSHD_READY);
        return sshd;
    }

    private Path writeHostMap(Map<String, String> hosts) throws IOException {
        List<String> knownHosts = new ArrayList<>();
        for (int m = 1; m <= 2; m++) {
            String[] pub = Files.readString(dir.resolve("host_m" + m + ".pub")).strip().split(" ");
            knownHosts.add(machineAddress(m) + " " + pub[0] + " " + pub[1]);
        }
        Files.write(dir.resolve("known_hosts"), knownHosts);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        StringBuilder yaml = new StringBuilder("# written by the SSH rehearsal\nfrom_netns: " + controlNamespace() + "\nmachines:\n");
        for (int m = 1; m <= 2; m++) {
            yaml.append("  m").append(m).append(":\n")
                    .append("    address: ").append(machineAddress(m)).append('\n')
                    .append("    user: root\n")
                    .append("    key: client\n")
                    .append("    known_hosts: known_hosts\n")
                    .append("    nic: eth1\n")
                    .append("    java: ").append(java).append('\n')
                    .append("    dir: ").append(dir.resolve("remote-m" + m)).append('\n');
        }
        yaml.append("hosts:\n");
        new LinkedHashMap<>(hosts).forEach((h, m) -> yaml.append("  ").append(h).append(": ").append(m).append('\n'));
        Path file = dir.resolve("hosts.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** Ends each sshd by its pid, deletes the namespaces, and removes /run/sshd if this made it. */
    @Override
    public void close() {
        sshds.forEach(s -> s.stop(Duration.ofSeconds(5)));
        IpBatch delete = IpBatch.global();
        List<String> existing = io.netrig.kernel.exec.IpQuery.namespaceNames(exec.run(io.netrig.kernel.exec.IpQuery.netnsList()).stdout());
        namespaces().stream().filter(existing::contains).forEach(delete::netnsDelete);
        if (!delete.isEmpty()) {
            exec.run(delete.toCommand());
        }
        if (madePrivsepDir) {
            try {
                Files.deleteIfExists(PRIVSEP_DIR);
            } catch (IOException e) {
                throw new IllegalStateException("could not remove " + PRIVSEP_DIR + ", made for the rehearsal: " + e.getMessage(), e);
            }
        }
    }
}
