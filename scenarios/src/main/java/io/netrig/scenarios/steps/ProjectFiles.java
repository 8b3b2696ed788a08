package io.netrig.scenarios.steps;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files named in features relative to the project root (tests run in scenarios/, the CLI at the root). */
final class ProjectFiles {
    private ProjectFiles() {
    }

    static Path resolve(String name) {
        Path given = Path.of(name);
        if (given.isAbsolute() || Files.exists(given)) {
            return given;
        }
        Path root = Path.of(System.getProperty("netrig.root", ".."));
        return root.resolve(name);
    }
}
