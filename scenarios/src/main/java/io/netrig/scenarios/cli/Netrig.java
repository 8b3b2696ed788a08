package io.netrig.scenarios.cli;

import io.netrig.model.NetrigException;
import io.netrig.model.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code netrig} command line. Exit codes: 0 ok, 1 expectations failed or backends disagree, 2 bad input, 3 backend error. */
@Command(name = "netrig", mixinStandardHelpOptions = true, version = "netrig 0.1.0",
        description = "Describe a container-network lab once; check how it behaves on a simulator and on the real kernel.",
        subcommands = {ValidateCommand.class, LowerCommand.class, InspectCommand.class, CheckCommand.class, CleanCommand.class,
            BenchCommand.class, TestCommand.class})
public final class Netrig {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int BACKEND_ERROR = 3;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Netrig());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof SpecException se) {
                se.problems().forEach(p -> cmd.getErr().println(p));
                cmd.getErr().println(se.problems().size() + (se.problems().size() == 1 ? " problem" : " problems") + " found");
                return BAD_INPUT;
            }
            if (e instanceof SpecFiles.BadInputException bad) {
                cmd.getErr().println("netrig: " + bad.getMessage());
                return BAD_INPUT;
            }
            if (e instanceof NetrigException ne) {
                cmd.getErr().println("netrig: " + ne.getMessage());
                return BACKEND_ERROR;
            }
            throw e;
        });
        int exit = cl.execute(args);
        // picocli's writers flush only on println; results printed with print() must not be lost at exit.
        cl.getOut().flush();
        cl.getErr().flush();
        return exit;
    }
}
