package io.netrig.kernel;

import io.netrig.kernel.exec.ProcessExecutor;
import io.netrig.model.backend.Lab;
import io.netrig.model.backend.LabOptions;
import java.nio.file.Path;

/**
 * A netrig run that gets killed: starts the Docker host lab with the given prefix and state folder, says {@code READY
 * <lab id>} on stderr, and waits to be killed ({@link KilledRunCleanIT} sends it SIGKILL, so no shutdown hook runs).
 */
public final class KilledLabMain {
    private KilledLabMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path stateDir = Path.of(args[0]);
        String prefix = args[1];
        Path work = Path.of(args[2]);
        Lab lab = new KernelBackend(new ProcessExecutor(), stateDir).start(DockerTopology.topology(),
                LabOptions.defaults().withPrefix(prefix).withWorkDir(work));
        System.err.println("READY " + ((io.netrig.kernel.internal.KernelLab) lab).id());
        System.err.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
