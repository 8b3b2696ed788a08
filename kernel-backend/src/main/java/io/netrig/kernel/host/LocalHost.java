package io.netrig.kernel.host;

import io.netrig.kernel.KernelBackend;
import io.netrig.kernel.internal.KernelLab;
import io.netrig.model.NetrigException;
import io.netrig.model.backend.Capture;
import io.netrig.model.backend.CaptureFilter;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Probe;
import io.netrig.model.topology.LinkRef;
import io.netrig.model.topology.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** This machine: parts are built in its namespaces by a {@link KernelLab}, as a lab without a host map is. */
public final class LocalHost implements HostExecutor {
    private final KernelBackend backend;

    public LocalHost(KernelBackend backend) {
        this.backend = backend;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Running start(Topology part, String prefix, String workDir) {
        return new Running(backend.startHere(part, LabOptions.defaults().withPrefix(prefix).withWorkDir(Path.of(workDir))));
    }

    @Override
    public List<String> clean(String prefix) {
        return backend.removeLeftovers(prefix);
    }

    @Override
    public void close() {
        // nothing held between labs
    }

    /** A part running in this machine's namespaces. */
    public static final class Running implements MachineLab {
        private final KernelLab lab;
        private final Map<Integer, Capture> captures = new ConcurrentHashMap<>();
        private final AtomicInteger ids = new AtomicInteger();

        Running(KernelLab lab) {
            this.lab = lab;
        }

        public KernelLab lab() {
            return lab;
        }

        @Override
        public String machine() {
            return "local";
        }

        @Override
        public String labId() {
            return lab.id().toString();
        }

        @Override
        public Observation probeUnattributed(Probe probe) {
            return lab.probeUnattributed(probe);
        }

        @Override
        public Map<String, String> counterTexts() {
            return lab.counterTexts();
        }

        @Override
        public int startCapture(LinkRef where, CaptureFilter filter) {
            int id = ids.incrementAndGet();
            captures.put(id, lab.capture(where, filter));
            return id;
        }

        @Override
        public Path stopCapture(int capture, Path local) {
            Capture c = captures.remove(capture);
            if (c == null) {
                throw new NetrigException("no capture " + capture + " runs in lab " + lab.id());
            }
            Path file = c.stop();
            try {
                return file.toAbsolutePath().equals(local.toAbsolutePath()) ? file : Files.move(file, local, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new NetrigException("could not move capture " + file + " to " + local + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void update(Topology nextPart) {
            lab.update(nextPart);
        }

        @Override
        public void close() {
            captures.values().forEach(Capture::stop);
            captures.clear();
            lab.close();
        }
    }
}
