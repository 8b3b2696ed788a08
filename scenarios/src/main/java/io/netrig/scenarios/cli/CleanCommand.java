package io.netrig.scenarios.cli;

import io.netrig.model.backend.Backends;
import io.netrig.model.backend.LabBackend;
import io.netrig.model.backend.LabOptions;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "clean", description = "Remove what killed lab runs left behind (namespaces, state files); running labs are kept.")
final class CleanCommand implements Callable<Integer> {
    @Option(names = "--prefix", defaultValue = LabOptions.DEFAULT_PREFIX, description = "lab prefix (default nr)")
    String prefix;

    @Option(names = "--hosts", paramLabel = "FILE", description = "also clean every machine of this host map (lab-vagrant/hosts.yaml), over SSH")
    java.nio.file.Path hosts;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int removed = 0;
        for (LabBackend backend : Backends.available()) {
            LabOptions options = LabOptions.defaults().withPrefix(prefix);
            List<String> gone = backend.removeLeftovers(hosts == null ? options : options.withHostMap(hosts));
            gone.forEach(line -> out.println(backend.name() + ": removed " + line));
            removed += gone.size();
        }
        out.println(removed == 0 ? "nothing to clean" : "removed " + removed + " leftover objects");
        return Netrig.OK;
    }
}
