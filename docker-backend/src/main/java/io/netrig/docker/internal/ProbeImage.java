package io.netrig.docker.internal;

import io.netrig.model.NetrigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * netrig's own container image, {@code netrig/probe:<version>}, built on the machine when missing (Docker Hub need not
 * be reachable): a root filesystem made of Debian's statically linked busybox (sh, nc, httpd, nslookup, ip, sleep,
 * cat, timeout) plus the machine's {@code getent} and iputils {@code ping} with the shared libraries they need, so that
 * lookups resolve as glibc does (hosts file, then resolv.conf) and a ping reports ICMP errors as the kernel backend's
 * does. It is imported with {@code docker import}, kept between runs, and never removed by a lab.
 */
public final class ProbeImage {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeImage.class);
    public static final String REPOSITORY = "netrig/probe";
    private static final List<String> BUSYBOX = List.of("/usr/bin/busybox", "/bin/busybox");
    private static final List<String> APPLETS = List.of("sh", "nc", "httpd", "nslookup", "ip", "sleep", "cat", "timeout", "echo", "ls");
    /** Programs copied from the machine, with where Debian has them. */
    private static final List<Tool> TOOLS = List.of(new Tool("/usr/bin/getent", "libc-bin"), new Tool("/usr/bin/ping", "iputils-ping"));
    private static final Pattern LIBRARY = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x[0-9a-f]+\\)");

    private record Tool(String path, String debianPackage) {
    }

    private ProbeImage() {
    }

    /** {@code netrig/probe:<netrig version>}. */
    public static String tag() {
        return REPOSITORY + ":" + version();
    }

    static String version() {
        try (InputStream in = ProbeImage.class.getResourceAsStream("/io/netrig/docker/netrig-docker.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }

    /** Makes sure the image exists, importing it when missing; returns its tag. */
    public static String ensure(DockerExecutor executor) {
        String tag = tag();
        if (executor.imageExists(tag)) {
            return tag;
        }
        long start = System.nanoTime();
        byte[] rootfs = rootfs(executor);
        executor.importImage(REPOSITORY, version(), rootfs);
        LOG.info("built {} from busybox-static and the machine's getent and ping ({} KiB, {} ms)", tag, rootfs.length / 1024,
                (System.nanoTime() - start) / 1_000_000);
        return tag;
    }

    /** Where Debian's busybox-static is, or a clear failure naming the package. */
    static Path busybox() {
        return BUSYBOX.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElseThrow(() -> new NetrigException(
                "the docker backend builds its probe image from Debian's statically linked busybox, which is missing ("
                        + String.join(" or ", BUSYBOX) + "): apt-get install busybox-static"));
    }

    private static byte[] rootfs(DockerExecutor executor) {
        Path busybox = busybox();
        Set<String> files = new LinkedHashSet<>();
        for (Tool tool : TOOLS) {
            if (!Files.isExecutable(Path.of(tool.path()))) {
                throw new NetrigException("the docker backend's probe image needs " + tool.path() + " from the machine: apt-get install "
                        + tool.debianPackage());
            }
            files.add(tool.path());
            files.addAll(libraries(executor.check(MachineCommand.ldd(tool.path())).stdout()));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String dir : List.of("bin", "etc", "tmp", "usr", "usr/bin", "lib", "lib64", "lib/x86_64-linux-gnu", "lib/aarch64-linux-gnu", "proc", "sys", "dev")) {
                directory(tar, dir);
            }
            file(tar, "bin/busybox", Files.readAllBytes(busybox), 0755);
            for (String applet : APPLETS) {
                TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarArchiveEntry.LF_SYMLINK);
                link.setLinkName("busybox");
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
            }
            for (String f : files) {
                file(tar, f.substring(1), Files.readAllBytes(Path.of(f)), 0755);
            }
            file(tar, "etc/nsswitch.conf", "hosts: files dns\n".getBytes(StandardCharsets.US_ASCII), 0644);
            file(tar, "etc/passwd", "root:x:0:0:root:/:/bin/sh\n".getBytes(StandardCharsets.US_ASCII), 0644);
            file(tar, "etc/group", "root:x:0:\n".getBytes(StandardCharsets.US_ASCII), 0644);
            tar.finish();
        } catch (IOException e) {
            throw new NetrigException("cannot build the probe image's root filesystem: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /** The absolute library paths in {@code ldd}'s output (the vDSO has none). */
    static List<String> libraries(String lddOutput) {
        List<String> out = new ArrayList<>();
        for (String line : lddOutput.split("\n")) {
            Matcher m = LIBRARY.matcher(line.strip());
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name + "/");
        e.setMode(040755);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        e.setMode(0100000 | mode);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

}
