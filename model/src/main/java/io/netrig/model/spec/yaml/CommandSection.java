package io.netrig.model.spec.yaml;

import io.netrig.model.spec.HostCommand;
import java.util.ArrayList;
import java.util.List;

/** {@code commands:} entries: a host's literal commands, one per line, each located where it was written. */
final class CommandSection {
    private CommandSection() {
    }

    static List<HostCommand> read(Field host) {
        List<HostCommand> out = new ArrayList<>();
        host.lines("commands, one per line").ifPresent(lines -> {
            for (int i = 0; i < lines.size(); i++) {
                Field.Line line = lines.get(i);
                var path = host.path().child(i);
                host.locate(path, line.at());
                try {
                    out.add(CommandSyntax.parse(line.text(), path));
                } catch (IllegalArgumentException e) {
                    host.problemAt(line.at(), "commands of host '" + host.name() + "': " + e.getMessage());
                }
            }
        });
        return out;
    }
}
