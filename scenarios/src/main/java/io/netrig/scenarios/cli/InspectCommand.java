package io.netrig.scenarios.cli;

import io.netrig.model.lower.Lowering;
import io.netrig.model.render.inspect.InspectJson;
import io.netrig.model.render.inspect.InspectText;
import io.netrig.model.render.inspect.LabInspection;
import io.netrig.model.spec.ValidatedLab;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "inspect", description = "Show per host what docker network ls/inspect, brctl show, ip addr and iptables -S would print "
        + "(computed from the spec, nothing is run).")
final class InspectCommand implements Callable<Integer> {
    enum Format { text, json }

    @Parameters(paramLabel = "FILE", description = "the lab spec (YAML)")
    Path file;

    @Option(names = "--host", paramLabel = "NAME", description = "show only this host")
    String host;

    @Option(names = "--format", defaultValue = "text", description = "text (the commands' own output, default) or json")
    Format format;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ValidatedLab lab = SpecFiles.loadValidated(file, spec.commandLine().getErr());
        LabInspection all = LabInspection.of(lab, Lowering.lower(lab));
        LabInspection shown = host == null ? all : all.only(host).orElseThrow(() -> new SpecFiles.BadInputException(
                "--host: lab '" + all.lab() + "' has no host named '" + host + "' (hosts: " + String.join(", ", all.hostNames()) + ")"));
        spec.commandLine().getOut().print(switch (format) {
            case text -> InspectText.render(shown);
            case json -> InspectJson.render(shown);
        });
        return Netrig.OK;
    }
}
