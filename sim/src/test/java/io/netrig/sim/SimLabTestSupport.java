package io.netrig.sim;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabOptions;
import io.netrig.model.backend.Probe;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.topology.Topology;
import java.io.IOException;
import java.nio.file.FileSystem;
import org.junit.jupiter.api.AfterEach;

/** What every simulated-lab test needs: captures into an in-memory file system, a lab start, a one-shot ping. */
abstract class SimLabTestSupport {
    protected final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
    protected final LabOptions options = LabOptions.defaults().withWorkDir(fs.getPath("/work"));

    @AfterEach
    void closeFs() throws IOException {
        fs.close();
    }

    protected Lab start(Topology t) {
        return new SimBackend().start(t, options);
    }

    /** {@code ping -c 1 -W 1}. */
    protected static Probe.Ping ping(String from, String to) {
        return new Probe.Ping(from, Ipv4Address.parse(to), to, 1, Probe.Ping.DEFAULT_TIMEOUT);
    }
}
