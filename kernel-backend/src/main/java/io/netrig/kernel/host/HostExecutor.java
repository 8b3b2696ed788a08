package io.netrig.kernel.host;

import io.netrig.model.topology.Topology;
import java.util.List;

/**
 * Where parts of a lab are built: this machine's namespaces ({@link LocalHost}, what a lab without a host map uses), or
 * another machine reached over SSH, where netrig's agent builds them with the same batches ({@link SshHost}).
 */
public sealed interface HostExecutor extends AutoCloseable permits LocalHost, SshHost {
    /** The machine's name ("local" for this one). */
    String name();

    /**
     * Builds a part of a lab under lab prefix {@code prefix}; captures are written to {@code workDir} on that machine. On
     * failure nothing of the part is left there.
     */
    MachineLab start(Topology part, String prefix, String workDir);

    /** Removes what dead labs with this prefix left on the machine ({@code netrig clean}); one line per object. */
    List<String> clean(String prefix);

    @Override
    void close();
}
