package io.netrig.kernel.host;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.netrig.kernel.agent.AgentMain;
import io.netrig.kernel.exec.CommandExecutor;
import io.netrig.kernel.exec.FileCommands;
import io.netrig.kernel.exec.SshExecutor;
import io.netrig.kernel.exec.SshConnection;
import io.netrig.model.NetrigException;
import io.netrig.model.topology.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's classpath on a remote machine: the jars of this JVM that hold netrig's kernel backend and model and
 * what they need at run time, copied once into {@code <dir>/lib/<sha256 prefix>-<name>.jar} and found there by name
 * afterwards (content-addressed: a rebuilt jar is a new file, an unchanged one is never copied again). A classes
 * folder (a build run from its own output) is packed into a jar first, reproducibly, so it is cached the same way.
 */
final class AgentJars {
    private static final Logger LOG = LoggerFactory.getLogger(AgentJars.class);
    /** One class of each artefact the agent loads. */
    private static final List<String> NEEDED = List.of(AgentMain.class.getName(), Topology.class.getName(), ObjectMapper.class.getName(),
            JsonFactory.class.getName(), JsonTypeInfo.class.getName(), Jdk8Module.class.getName(), JavaTimeModule.class.getName(),
            "org.pcap4j.core.Pcaps", "org.pcap4j.packet.factory.statik.services.StaticPacketFactoryBinder", "com.sun.jna.Native",
            "org.slf4j.LoggerFactory", "org.slf4j.simple.SimpleLogger", "org.snakeyaml.engine.v2.api.Load");
    private static final long FIXED_TIME = 315_532_800_000L;   // 1980-01-01, the zip format's first day

    private AgentJars() {
    }

    /**
     * Copies what is missing and returns the remote classpath, in order. Each exec costs a login shell there, so the
     * missing jars go in one scp to a fresh folder and are moved into place by one process: five round trips at most,
     * one (the listing) when every jar is cached.
     */
    static List<String> ship(SshConnection ssh, String dir) {
        CommandExecutor remote = new SshExecutor(ssh);
        String lib = dir + "/lib";
        String incoming = lib + "/.incoming-" + Long.toHexString(System.nanoTime());
        // a folder that does not exist yet lists nothing (ls fails): every jar is then missing
        var listing = remote.result(FileCommands.list(lib));
        Set<String> there = new LinkedHashSet<>(listing.succeeded() ? listing.stdout().lines().toList() : List.of());
        List<String> classpath = new ArrayList<>();
        List<Path> packed = new ArrayList<>();
        Path staging = null;
        try {
            List<Path> missing = new ArrayList<>();
            for (Path entry : localEntries()) {
                Path jar = entry;
                if (Files.isDirectory(entry)) {
                    jar = packed(entry);
                    packed.add(jar);
                }
                String name = sha256(jar).substring(0, 16) + "-" + jarName(entry);
                if (!there.contains(name)) {
                    if (staging == null) {
                        staging = Files.createTempDirectory("netrig-agent-jars-");
                    }
                    missing.add(Files.createSymbolicLink(staging.resolve(name), jar.toAbsolutePath()));
                }
                classpath.add(lib + "/" + name);
            }
            if (!missing.isEmpty()) {
                remote.run(FileCommands.makeDirs(incoming));
                ssh.upload(missing, incoming);
                remote.run(FileCommands.moveAll(incoming, lib));
                remote.run(FileCommands.removeEmptyDir(incoming));
            }
            LOG.info("agent classpath on {}: {} jars, {} copied", ssh.endpoint(), classpath.size(), missing.size());
            return classpath;
        } catch (IOException e) {
            throw new NetrigException("cannot stage the agent's jars for " + ssh.endpoint() + ": " + e.getMessage(), e);
        } finally {
            packed.forEach(AgentJars::deleteQuietly);
            if (staging != null) {
                try (Stream<Path> links = Files.list(staging)) {
                    links.forEach(AgentJars::deleteQuietly);
                } catch (IOException e) {
                    LOG.debug("could not list {}: {}", staging, e.getMessage());
                }
                deleteQuietly(staging);
            }
        }
    }

    /** The local jars (or classes folders) holding the classes the agent needs, each once. */
    static List<Path> localEntries() {
        Set<Path> out = new LinkedHashSet<>();
        for (String name : NEEDED) {
            Class<?> c;
            try {
                c = Class.forName(name, false, AgentJars.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                if (name.startsWith("org.slf4j.simple")) {
                    continue;   // without a binding the agent logs nothing, which is allowed
                }
                throw new NetrigException("the agent needs class " + name + ", which this JVM's classpath lacks", e);
            }
            var source = c.getProtectionDomain().getCodeSource();
            if (source == null) {
                throw new NetrigException("cannot tell which jar holds " + name + ": the agent cannot be shipped from this JVM");
            }
            try {
                out.add(Path.of(source.getLocation().toURI()));
            } catch (URISyntaxException e) {
                throw new NetrigException("cannot read where " + name + " comes from: " + source.getLocation(), e);
            }
        }
        return List.copyOf(out);
    }

    private static String jarName(Path entry) {
        String name = entry.getFileName().toString();
        if (Files.isDirectory(entry)) {
            // target/classes → <module>-classes.jar
            Path module = entry.toAbsolutePath().getParent() == null ? null : entry.toAbsolutePath().getParent().getParent();
            return (module == null ? "" : module.getFileName() + "-") + name + ".jar";
        }
        return name;
    }

    /** A jar of a classes folder with sorted entries and fixed times, so the same classes give the same bytes. */
    private static Path packed(Path dir) {
        try {
            Path jar = Files.createTempFile("netrig-agent-", ".jar");
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                for (Path f : files) {
                    JarEntry e = new JarEntry(dir.relativize(f).toString().replace('\\', '/'));
                    e.setTime(FIXED_TIME);
                    out.putNextEntry(e);
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new NetrigException("cannot pack " + dir + " into a jar for the agent: " + e.getMessage(), e);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            in.transferTo(new OutputStream() {
                @Override
                public void write(int b) {
                    md.update((byte) b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    md.update(b, off, len);
                }
            });
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new NetrigException("cannot hash " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", file, e.getMessage());
        }
    }
}
