package io.netrig.kernel.internal;

import io.netrig.kernel.LabId;
import io.netrig.model.NetrigException;
import io.netrig.model.topology.ResolverConfig;
import io.netrig.model.topology.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /etc/netns/<kernel namespace>/hosts} and {@code resolv.conf} of a lab's namespaces: {@code ip netns exec}
 * bind-mounts them over {@code /etc/hosts} and {@code /etc/resolv.conf}, so a process of the lab (a lookup probe's
 * {@code getent}) resolves names as the topology says and never with this machine's own files. A namespace without a
 * {@link ResolverConfig} gets a hosts file with only localhost and an empty resolv.conf (glibc then asks 127.0.0.1
 * inside the namespace), so no lookup ever leaves the lab.
 */
public final class ResolverFiles {
    public static final Path DEFAULT_DIR = Path.of("/etc/netns");
    public static final String HOSTS = "hosts";
    public static final String RESOLV_CONF = "resolv.conf";
    /** The hosts file of a namespace the topology gives no resolver configuration. */
    public static final String LOCALHOST_ONLY = "127.0.0.1\tlocalhost\n";
    private static final Logger LOG = LoggerFactory.getLogger(ResolverFiles.class);

    private final Path dir;

    public ResolverFiles(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    public Path dir() {
        return dir;
    }

    /** The two files' texts for one topology namespace. */
    public record Texts(String hosts, String resolvConf) {
        public Texts {
            Objects.requireNonNull(hosts, "hosts");
            Objects.requireNonNull(resolvConf, "resolvConf");
        }

        public static Texts of(Topology t, String ns) {
            return t.resolverIn(ns).map(r -> new Texts(r.hostsFile(), r.resolvConf())).orElse(new Texts(LOCALHOST_ONLY, ""));
        }
    }

    /** Writes both files of a kernel namespace, each replaced atomically (a process starting meanwhile sees old or new). */
    public void write(String kernelNs, Texts texts) {
        Path nsDir = dir.resolve(kernelNs);
        try {
            Files.createDirectories(nsDir);
            replace(nsDir.resolve(HOSTS), texts.hosts());
            replace(nsDir.resolve(RESOLV_CONF), texts.resolvConf());
        } catch (IOException e) {
            throw new NetrigException("could not write the resolver files of namespace " + kernelNs + " in " + nsDir + ": " + e, e);
        }
        LOG.debug("wrote {}/{{{}, {}}}", nsDir, HOSTS, RESOLV_CONF);
    }

    private static void replace(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Removes the folder of one kernel namespace (and only the files netrig writes there); returns whether there was one. */
    public boolean remove(String kernelNs) {
        Path nsDir = dir.resolve(kernelNs);
        if (!Files.isDirectory(nsDir)) {
            return false;
        }
        try {
            for (String name : List.of(HOSTS, RESOLV_CONF, HOSTS + ".tmp", RESOLV_CONF + ".tmp")) {
                Files.deleteIfExists(nsDir.resolve(name));
            }
            Files.delete(nsDir);
            LOG.debug("removed {}", nsDir);
            return true;
        } catch (NoSuchFileException goneMeanwhile) {
            return true;
        } catch (IOException e) {
            throw new NetrigException("could not remove the resolver files of namespace " + kernelNs + " (" + nsDir + "): " + e, e);
        }
    }

    /** Removes the folders of every namespace of a lab ({@code <labid>-*}); returns the kernel namespaces removed. */
    public List<String> removeLab(LabId lab) {
        List<String> removed = new ArrayList<>();
        for (String ns : namespaces(n -> lab.topologyNamespace(n).isPresent())) {
            if (remove(ns)) {
                removed.add(ns);
            }
        }
        return List.copyOf(removed);
    }

    /** The kernel namespaces that have a folder here and match {@code which}, sorted. */
    public List<String> namespaces(Predicate<String> which) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p) && which.test(name)) {
                    out.add(name);
                }
            }
        } catch (IOException e) {
            throw new NetrigException("could not list " + dir + ": " + e, e);
        }
        return out.stream().sorted().toList();
    }

    /** Every folder name here (for residue checks). */
    public List<String> all() {
        return namespaces(n -> true);
    }
}
