package io.netrig.scenarios.cli;

import io.netrig.model.NetrigException;
import io.netrig.model.spec.ValidatedLab;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a spec file named on the command line, with a clear message when it is not there. */
final class SpecFiles {
    private SpecFiles() {
    }

    /**
     * Reads and validates a spec file: every syntax, value and reference problem is reported at once; warnings
     * (what Docker would warn about and ignore) are printed to {@code err}, one per line.
     */
    static ValidatedLab loadValidated(Path file, PrintWriter err) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such file (expected a lab spec in YAML, see docs/spec.md)");
        }
        ValidatedLab lab = YamlSpecLoader.loadValidated(file);
        lab.warnings().forEach(w -> err.println(w.location() + ": warning: " + w.message()));
        err.flush();
        return lab;
    }

    /** Input that is wrong but not a spec problem (missing file, bad option value): exit code 2. */
    static final class BadInputException extends NetrigException {
        BadInputException(String message) {
            super(message);
        }
    }
}
