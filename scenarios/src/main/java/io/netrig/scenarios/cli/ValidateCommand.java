package io.netrig.scenarios.cli;

import io.netrig.model.lower.Lowering;
import io.netrig.model.spec.ValidatedLab;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", description = "Check a lab spec and report every problem with file:line:column.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the lab spec (YAML)")
    Path file;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ValidatedLab lab = SpecFiles.loadValidated(file, spec.commandLine().getErr());
        // what only the lowering can check (a host command's iptables chain, a route's gateway) is a spec problem too
        Lowering.lower(lab);
        spec.commandLine().getOut().printf("%s: valid lab '%s' (%d hosts, %d networks, %d containers, %d expectations)%n", file,
                lab.spec().name(), lab.spec().hosts().size(), lab.spec().networks().size(), lab.spec().containers().size(),
                lab.spec().expect().size());
        return Netrig.OK;
    }
}
