package io.netrig.scenarios.cli;

import io.netrig.model.lower.Lowering;
import io.netrig.model.render.IpCommands;
import io.netrig.model.render.TopologyJson;
import io.netrig.model.topology.Topology;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "lower", description = "Print the kernel-level topology a lab spec lowers to.")
final class LowerCommand implements Callable<Integer> {
    enum Format { commands, json }

    @Parameters(paramLabel = "FILE", description = "the lab spec (YAML)")
    Path file;

    @Option(names = "--format", defaultValue = "commands", description = "commands (ip/iptables-save, default) or json")
    Format format;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Topology t = Lowering.lower(SpecFiles.loadValidated(file, spec.commandLine().getErr()));
        spec.commandLine().getOut().print(switch (format) {
            case commands -> IpCommands.render(t);
            case json -> TopologyJson.render(t);
        });
        return Netrig.OK;
    }
}
